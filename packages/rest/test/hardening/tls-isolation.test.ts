import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { globalAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConfigError, isConfigError, isNetworkError, type NetworkError } from '@meta/errors';
import { createFetchTransport } from '@meta/transport';
import { createTestCertificates, type TestCertificates } from '@meta/transport-conformance';
import { getGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { REST } from '../../src/index.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from '../helpers/loopback-server.js';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './clients.js';

let certificates: TestCertificates;
let selfSigned: LoopbackServer;
let valid: LoopbackServer;
let wrongHost: LoopbackServer;
let expired: LoopbackServer;
let directory: string;
let caPath: string;

beforeAll(async () => {
  certificates = createTestCertificates();
  [selfSigned, valid, wrongHost, expired] = await Promise.all([
    startLoopbackServer(certificates.selfSigned),
    startLoopbackServer(certificates.valid),
    startLoopbackServer(certificates.wrongHost),
    startLoopbackServer(certificates.expired),
  ]);
  for (const server of [selfSigned, valid, wrongHost, expired]) {
    server.route = (_request, response) => sendJson(response, 200, { reached: true });
  }
  directory = mkdtempSync(join(tmpdir(), 'meta-rest-hardening-'));
  caPath = join(directory, 'ca.pem');
  writeFileSync(caPath, certificates.ca);
}, 60_000);

afterAll(async () => {
  await Promise.all([selfSigned, valid, wrongHost, expired].map((server) => server.close()));
  rmSync(directory, { recursive: true, force: true });
});

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('a self-signed certificate without a CA fails with a NetworkError, is not retried and reaches no handler', async () => {
    const sleep = vi.fn(async () => {});
    const before = selfSigned.requests.length;
    const rest = createClient(kind, { baseUrl: selfSigned.origin, sleep, logger: {} });
    try {
      const error = (await rejectionOf(rest.get('/x'))) as NetworkError;
      expect(isNetworkError(error)).toBe(true);
      expect(error.code).toMatch(/SELF_SIGNED|CERT|TLS/);
    } finally {
      await rest.close();
    }
    expect(sleep).not.toHaveBeenCalled();
    expect(selfSigned.requests).toHaveLength(before);
  });
});

test('verify: false on one client never makes another client, global fetch or the process insecure', async () => {
  const dispatcherBefore = getGlobalDispatcher();
  const agentRejectBefore = globalAgent.options.rejectUnauthorized;
  const warn = vi.fn();
  const insecure = new REST({ baseUrl: selfSigned.origin, verify: false, logger: { warn } });
  const strict = new REST({ baseUrl: selfSigned.origin, retry: 0, logger: {} });
  const strictFetch = createClient('fetch', { baseUrl: selfSigned.origin, retry: 0, logger: {} });
  try {
    await expect(insecure.get('/x')).resolves.toEqual({ reached: true });
    expect(await rejectionOf(strict.get('/x'))).toSatisfy(isNetworkError);
    expect(await rejectionOf(strictFetch.get('/x'))).toSatisfy(isNetworkError);
    await expect(fetch(`${selfSigned.origin}/x`)).rejects.toThrow();
    await expect(insecure.get('/x')).resolves.toEqual({ reached: true });
    expect(await rejectionOf(strict.get('/x'))).toSatisfy(isNetworkError);
  } finally {
    await Promise.all([insecure.close(), strict.close(), strictFetch.close()]);
  }
  expect(warn).toHaveBeenCalledTimes(1);
  expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  expect(getGlobalDispatcher()).toBe(dispatcherBefore);
  expect(globalAgent.options.rejectUnauthorized).toBe(agentRejectBefore);
});

test('verify: false with the fetch transport is a ConfigError (fetch cannot scope TLS to one client)', () => {
  expect(
    () => new REST({ baseUrl: selfSigned.origin, verify: false, transport: createFetchTransport() }),
  ).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'verify' }));
});

test('a CA file trusts the test CA and still checks the host name and the expiry', async () => {
  const rest = new REST({ baseUrl: valid.origin, verify: caPath, retry: 0, logger: {} });
  const onLocalhost = new REST({
    baseUrl: valid.origin.replace('127.0.0.1', 'localhost'),
    verify: caPath,
    retry: 0,
  });
  const misnamed = new REST({ baseUrl: wrongHost.origin, verify: caPath, retry: 0, logger: {} });
  const stale = new REST({ baseUrl: expired.origin, verify: caPath, retry: 0, logger: {} });
  try {
    await expect(rest.get('/x')).resolves.toEqual({ reached: true });
    await expect(onLocalhost.get('/x')).resolves.toEqual({ reached: true });
    const hostError = (await rejectionOf(misnamed.get('/x'))) as NetworkError;
    expect(isNetworkError(hostError)).toBe(true);
    expect(hostError.code).toMatch(/ALTNAME|HOST/);
    const expiryError = (await rejectionOf(stale.get('/x'))) as NetworkError;
    expect(expiryError.code).toMatch(/EXPIRED/);
  } finally {
    await Promise.all([rest.close(), onLocalhost.close(), misnamed.close(), stale.close()]);
  }
  expect(wrongHost.requests).toHaveLength(0);
  expect(expired.requests).toHaveLength(0);
});

test.each(['false', '0', 'no', 'off', 'FALSE', ' false '])(
  'verify: %j is never "off": it is a CA path that cannot be read, a ConfigError naming verify',
  (verify) => {
    let error: unknown;
    try {
      new REST({ baseUrl: selfSigned.origin, verify });
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error)).toBe(true);
    expect((error as ConfigError).field).toBe('verify');
  },
);

test.each([0, 1, null, 'true', ''])('verify: %j is a ConfigError, never a silent default', (verify) => {
  expect(() => new REST({ baseUrl: selfSigned.origin, verify: verify as never })).toThrow(
    expect.objectContaining({ name: 'ConfigError', field: 'verify' }),
  );
});

test('verify: a readable file that holds no certificate never disables verification', async () => {
  const notACa = join(directory, 'not-a-ca.pem');
  writeFileSync(notACa, 'false\n');
  const before = selfSigned.requests.length;
  let rest: REST | undefined;
  try {
    rest = new REST({ baseUrl: selfSigned.origin, verify: notACa, retry: 0, logger: {} });
  } catch (error) {
    expect(isConfigError(error)).toBe(true);
    return;
  }
  try {
    const error = await rejectionOf(rest.get('/x'));
    expect(isNetworkError(error) || isConfigError(error)).toBe(true);
  } finally {
    await rest.close();
  }
  expect(selfSigned.requests).toHaveLength(before);
});
