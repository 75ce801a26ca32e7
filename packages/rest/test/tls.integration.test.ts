import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNetworkError } from '@meta/errors';
import { createTestCertificates } from '@meta/transport-conformance';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { REST } from '../src/index.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

let server: LoopbackServer;
let ca: string;
let directory: string;

beforeAll(async () => {
  const certificates = createTestCertificates();
  ca = certificates.ca;
  server = await startLoopbackServer(certificates.valid);
  server.route = (_request, response) => sendJson(response, 200, { secure: true });
  directory = mkdtempSync(join(tmpdir(), 'meta-rest-ca-'));
}, 60_000);

afterAll(async () => {
  await server.close();
  rmSync(directory, { recursive: true, force: true });
});

test('verify: a CA bundle as PEM text trusts the test CA on the default transport', async () => {
  await using rest = new REST({ baseUrl: server.origin, verify: ca });
  await expect(rest.get('/x')).resolves.toEqual({ secure: true });
});

test('verify: a CA bundle path trusts the test CA', async () => {
  const path = join(directory, 'ca.pem');
  writeFileSync(path, ca);
  await using rest = new REST({ baseUrl: server.origin, verify: path });
  await expect(rest.get('/x')).resolves.toEqual({ secure: true });
});

test('verify: true refuses the unknown CA with a NetworkError and does not retry it', async () => {
  const sleep = vi.fn(async () => {});
  await using rest = new REST({ baseUrl: server.origin, sleep });
  const before = server.requests.length;
  const error = await rest.get('/x').catch((caught: unknown) => caught);
  expect(isNetworkError(error)).toBe(true);
  expect(sleep).not.toHaveBeenCalled();
  expect(server.requests.length).toBe(before);
});

test('verify: false skips verification for this client only and warns once', async () => {
  const warn = vi.fn();
  await using insecure = new REST({ baseUrl: server.origin, verify: false, logger: { warn } });
  await expect(insecure.get('/x')).resolves.toEqual({ secure: true });
  expect(warn).toHaveBeenCalledTimes(1);
  expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
  await using strict = new REST({ baseUrl: server.origin, retry: 0 });
  await expect(strict.get('/x')).rejects.toSatisfy(isNetworkError);
});
