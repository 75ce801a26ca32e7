import { type ConfigError, isConfigError } from '@meta/errors';
import { createUndiciTransport, type UndiciTransportOptions } from '@meta/transport/undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ConformanceServers,
  createTestCertificates,
  JSON_DOCUMENT,
  startConformanceServers,
  type TestCertificates,
} from '../src/index.js';
import { undici } from './undici-module.js';

function configErrorOf(options: UndiciTransportOptions): ConfigError {
  try {
    createUndiciTransport({ undici, ...options });
  } catch (error) {
    expect(isConfigError(error), String(error)).toBe(true);
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError at creation');
}

// Round 2 of the audit (session 7): TLS material that can never work is a ConfigError when the transport is
// created, not a NetworkError on every request that a retry policy would replay (SPEC 3.6: configuration errors
// are never retried). Node itself ignores a `ca` without certificates and a key of another certificate.
describe('undici transport TLS material (audit 2)', () => {
  let servers: ConformanceServers;
  let other: TestCertificates;

  beforeAll(async () => {
    servers = await startConformanceServers();
    other = createTestCertificates();
  });

  afterAll(async () => {
    await servers.close();
  });

  test.each([
    ['a string', (ca: string) => ca],
    ['a Buffer', (ca: string) => Buffer.from(ca)],
    ['a Uint8Array', (ca: string) => new TextEncoder().encode(ca)],
    ['a list with another CA after it', (ca: string) => [ca, other.ca]],
  ])('a ca given as %s is trusted', async (_kind, shape) => {
    const transport = createUndiciTransport({ undici, ca: shape(servers.certificates.ca) });
    try {
      const response = await transport.send({ method: 'GET', url: `${servers.https}/json`, headers: {} });
      expect(await response.json()).toEqual(JSON_DOCUMENT);
    } finally {
      await transport.close();
    }
  });

  test('a ca without any PEM certificate is a ConfigError naming ca', () => {
    expect(configErrorOf({ ca: 'not a certificate' }).field).toBe('ca');
    expect(configErrorOf({ ca: [Buffer.from('garbage')] }).field).toBe('ca');
  });

  test('a cert without a key, or a key without a cert, is a ConfigError naming the missing one', () => {
    const { cert, key } = servers.certificates.valid;
    expect(configErrorOf({ cert }).field).toBe('key');
    expect(configErrorOf({ key }).field).toBe('cert');
  });

  test('a key that is not PEM is a ConfigError naming key, never quoting it', () => {
    const key = 'garbage-private-key-material-s3cret';
    const error = configErrorOf({ cert: servers.certificates.valid.cert, key });
    expect(error.field).toBe('key');
    expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('s3cret');
  });

  test('a key of another certificate is a ConfigError naming key', () => {
    const error = configErrorOf({ cert: servers.certificates.valid.cert, key: other.valid.key });
    expect(error.field).toBe('key');
    expect(error.message).not.toContain('PRIVATE KEY');
  });

  test('a matching cert and key are accepted', async () => {
    const transport = createUndiciTransport({
      undici,
      ...servers.certificates.valid,
      ca: servers.certificates.ca,
    });
    await transport.close();
  });
});
