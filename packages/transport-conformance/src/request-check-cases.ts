import { type ConfigError, isConfigError } from '@meta/errors';
import type { TransportRequest } from '@meta/transport';
import { expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';

/** A request that breaks the contract in one field, and the field the ConfigError must name. */
type MalformedCase = readonly [description: string, request: (url: string) => unknown, field: string];

const MALFORMED: readonly MalformedCase[] = [
  ['no request at all', () => undefined, 'request'],
  ['a relative URL', () => ({ method: 'GET', url: '/api/v1/tables', headers: {} }), 'url'],
  ['a non-http URL', () => ({ method: 'GET', url: 'ftp://127.0.0.1/x', headers: {} }), 'url'],
  ['a URL that is not a string', (url) => ({ method: 'GET', url: new URL(url), headers: {} }), 'url'],
  ['a method that is not a token', (url) => ({ method: 'GET /x', url, headers: {} }), 'method'],
  ['headers that are not an object', (url) => ({ method: 'GET', url, headers: 'x: y' }), 'headers'],
  [
    'a header name that is not a token',
    (url) => ({ method: 'GET', url, headers: { 'X Id': '1' } }),
    'headers.X Id',
  ],
  [
    'a header value with CR LF',
    (url) => ({ method: 'GET', url, headers: { 'X-Id': 'a\r\nInjected: yes' } }),
    'headers.X-Id',
  ],
  [
    'a header value that is a number',
    (url) => ({ method: 'GET', url, headers: { 'X-Id': 5 } }),
    'headers.X-Id',
  ],
  [
    'an Expect: 100-continue header no transport can send',
    (url) => ({ method: 'POST', url, headers: { Expect: '100-continue' }, body: 'x' }),
    'headers.Expect',
  ],
  [
    'a header value with a character above U+00FF',
    (url) => ({ method: 'GET', url, headers: { 'X-Name': 'caf\u00e9 \u2713' } }),
    'headers.X-Name',
  ],
  ['a body that is an object', (url) => ({ method: 'POST', url, headers: {}, body: { a: 1 } }), 'body'],
  ['a negative timeoutMs', (url) => ({ method: 'GET', url, headers: {}, timeoutMs: -1 }), 'timeoutMs'],
  ['a timeoutMs that is text', (url) => ({ method: 'GET', url, headers: {}, timeoutMs: '100' }), 'timeoutMs'],
  [
    'a fractional maxResponseBytes',
    (url) => ({ method: 'GET', url, headers: {}, maxResponseBytes: 1.5 }),
    'maxResponseBytes',
  ],
  [
    'a signal that is not an AbortSignal',
    (url) => ({ method: 'GET', url, headers: {}, signal: {} }),
    'signal',
  ],
];

/** Requests that break the {@link TransportRequest} contract: the same ConfigError on every transport. */
export function registerRequestCheckCases(harness: ConformanceHarness): void {
  for (const [description, build, field] of MALFORMED) {
    test(`a request with ${description} rejects with a ConfigError naming ${field}, sending nothing`, async () => {
      const url = `${harness.servers().http}/json`;
      const before = harness.servers().connectionCount();
      const error = await harness
        .transport()
        .send(build(url) as TransportRequest)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(isConfigError(error), String(error)).toBe(true);
      expect((error as ConfigError).field).toBe(field);
      expect(harness.servers().connectionCount()).toBe(before);
    });
  }

  test('a header value is never quoted in the ConfigError it causes', async () => {
    const secret = 'Bearer s3cr3t\r\nvalue';
    const error = await harness
      .send({ url: `${harness.servers().http}/json`, headers: { Authorization: secret } })
      .catch((caught: unknown) => caught);
    expect(isConfigError(error)).toBe(true);
    expect(JSON.stringify(error)).not.toContain('s3cr3t');
    expect((error as Error).message).not.toContain('s3cr3t');
  });

  test('an upper-case scheme is an absolute http URL like any other', async () => {
    const url = `${harness.servers().http}/json`.replace('http://', 'HTTP://');
    const response = await harness.send({ url });
    expect(response.status).toBe(200);
    await response.cancel();
  });
}
