import {
  isAPIError,
  isAuthProviderError,
  isClientClosedError,
  isConfigError,
  isResponseParseError,
} from '@meta/errors';
import { createTestingTransport, type TestingTransport } from '@meta/transport/testing';
import { afterEach, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { REST } from '../src/index.js';
import { MAX_TIMER_MS } from '../src/timer-limit.js';
import { createFakeTime } from './helpers/fake-time.js';

// Regression tests from the SPEC 3-5 conformance audit: each is named after the rule it pins down.

const baseUrl = 'https://metadata.test/api';

function clientOn(transport: TestingTransport, config: Record<string, unknown> = {}) {
  const time = createFakeTime();
  const warn = vi.fn();
  const debug = vi.fn();
  const rest = new REST({
    baseUrl,
    transport,
    clock: time.clock,
    sleep: time.sleep,
    logger: { warn, debug },
    ...config,
  });
  return { rest, time, warn, debug };
}

const outcomeOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => error,
  );

afterEach(() => {
  vi.useRealTimers();
});

test('no timer exceeds 2^31-1 ms: a huge timeoutMs reaches the transport capped, from config or per call', async () => {
  const transport = createTestingTransport({ handler: () => ({ status: 200, body: { ok: true } }) });
  const { rest } = clientOn(transport, { timeoutMs: 2 ** 40 });
  await rest.get('/tables');
  await rest.get('/tables', null, { timeoutMs: 2 ** 52 });
  expect(transport.requests.map((request) => request.timeoutMs)).toEqual([MAX_TIMER_MS, MAX_TIMER_MS]);
});

test('a huge timeoutMs never overflows into an immediate timeout: only the abort ends a hanging call', async () => {
  const transport = createTestingTransport({ script: [{ fail: 'hang' }] });
  const { rest } = clientOn(transport, { timeoutMs: 2 ** 40 });
  const controller = new AbortController();
  const outcome = outcomeOf(rest.get('/tables', null, { signal: controller.signal }));
  await new Promise((resolve) => setTimeout(resolve, 20));
  const reason = new Error('the caller gave up');
  controller.abort(reason);
  expect(await outcome).toBe(reason);
  expect(transport.requests).toHaveLength(1);
});

test('a totalTimeoutMs beyond 2^31-1 ms is reached in steps, never fired early while waiting on the provider', async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  const transport = createTestingTransport({ handler: () => ({ status: 200 }) });
  const rest = new REST({
    baseUrl,
    transport,
    totalTimeoutMs: 2 ** 40,
    authToken: () => new Promise<never>(() => {}),
    logger: { warn: () => {} },
  });
  let settled: unknown;
  const outcome = outcomeOf(rest.get('/tables')).then((value) => {
    settled = value;
    return value;
  });
  await vi.advanceTimersByTimeAsync(MAX_TIMER_MS + 1000);
  expect(settled).toBeUndefined();
  await rest.close();
  expect(isClientClosedError(await outcome)).toBe(true);
  expect(transport.requests).toHaveLength(0);
});

test('the logger gets debug once per attempt: redirect hops and the 401 replay are part of the attempt', async () => {
  const transport = createTestingTransport({
    script: [
      { status: 302, headers: { location: '/api/v1/moved' } },
      { status: 401 },
      { status: 503 },
      { status: 200, body: { ok: true } },
    ],
  });
  let tokens = 0;
  const { rest, debug, warn } = clientOn(transport, {
    allowRedirects: true,
    retryCodes: [503],
    authToken: () => [`token-number-${++tokens}`, 3600],
  });
  await expect(rest.get('/tables')).resolves.toEqual({ ok: true });
  expect(transport.requests).toHaveLength(4);
  expect(debug).toHaveBeenCalledTimes(2);
  expect(warn).toHaveBeenCalledTimes(1);
});

test.each([[['token-value-1', 60, 'extra']], [['token-value-1', 60, undefined]], [[]]])(
  'an auth provider result of another shape than [token, expiry] (%j) is an AuthProviderError; nothing is sent',
  async (result) => {
    const transport = createTestingTransport({ handler: () => ({ status: 200 }) });
    const { rest } = clientOn(transport, { authToken: () => result });
    expect(isAuthProviderError(await outcomeOf(rest.get('/tables')))).toBe(true);
    expect(transport.requests).toHaveLength(0);
  },
);

test.each(['Host', 'content-length', 'Transfer-Encoding', 'Connection', 'TE'])(
  'an authHeader naming a header the client manages (%s) is a ConfigError on authHeader',
  (authHeader) => {
    let error: unknown;
    try {
      new REST({ baseUrl, authHeader, accessToken: 'secret-token-1', transport: createTestingTransport() });
    } catch (caught) {
      error = caught;
    }
    expect(isConfigError(error) && error.field).toBe('authHeader');
    expect(String((error as Error).message)).not.toContain('secret-token-1');
  },
);

test.each([
  ['http://127.0.0.1/api', 0],
  ['http://127.200.3.4:8585/api', 0],
  ['http://[::1]:8585/api', 0],
  ['http://localhost:8585/api', 0],
  ['http://metadata.localhost/api', 1],
  ['http://10.0.0.5/api', 1],
  ['https://metadata.example.com/api', 0],
])(
  'loopback is exactly 127.0.0.0/8, ::1 and localhost: a Bearer token to %s warns %i time(s)',
  (url, warnings) => {
    const warn = vi.fn();
    new REST({
      baseUrl: url,
      accessToken: 'secret-token-1',
      logger: { warn },
      transport: createTestingTransport(),
    });
    expect(warn).toHaveBeenCalledTimes(warnings);
    for (const [line] of warn.mock.calls) expect(String(line)).not.toContain('secret-token-1');
  },
);

test('a bad entry in retryCodes is a ConfigError naming the config key; the message says which entry', () => {
  let error: unknown;
  try {
    new REST({ baseUrl, retryCodes: [429, 600], transport: createTestingTransport() });
  } catch (caught) {
    error = caught;
  }
  expect(isConfigError(error) && error.field).toBe('retryCodes');
  expect((error as Error).message).toContain('retryCodes[1]');
});

test('a Retry-After above maxRetryAfterMs is never slept, even when it overflows a timer', async () => {
  const transport = createTestingTransport({
    script: [{ status: 429, headers: { 'retry-after': '9'.repeat(30) } }, { status: 200 }],
  });
  const { rest, time } = clientOn(transport);
  const error = await outcomeOf(rest.get('/tables'));
  expect(isAPIError(error) && error.statusCode).toBe(429);
  expect((error as { retryAfterMs?: number }).retryAfterMs).toBeGreaterThan(MAX_TIMER_MS);
  expect(time.sleeps).toEqual([]);
  expect(transport.requests).toHaveLength(1);
});

test('a per-call schema with an async refinement that rejects is a ResponseParseError with zod issues', async () => {
  const transport = createTestingTransport({ handler: () => ({ status: 200, body: { id: 'table-1' } }) });
  const { rest } = clientOn(transport);
  const schema = z.object({ id: z.string() }).refine(async (table) => table.id === 'table-2', 'not table-2');
  const error = await outcomeOf(rest.get('/tables/table-1', null, { schema }));
  expect(isResponseParseError(error)).toBe(true);
  expect((error as { issues?: { message: string }[] }).issues?.[0]?.message).toBe('not table-2');
  const accepting = z.object({ id: z.string() }).refine(async (table) => table.id === 'table-1');
  await expect(rest.get('/tables/table-1', null, { schema: accepting })).resolves.toEqual({ id: 'table-1' });
});

test.each(['a\u0001b', 'a\u007fb', 'a\u001bb', '日本', 'emoji 🙂'])(
  'a header value that cannot go on the wire (%j) is a ConfigError naming the header; nothing is sent',
  async (value) => {
    const transport = createTestingTransport({ handler: () => ({ status: 200 }) });
    const { rest } = clientOn(transport);
    const error = await outcomeOf(rest.get('/tables', null, { headers: { 'X-Name': value } }));
    expect(isConfigError(error) && error.field).toBe('headers.X-Name');
    expect((error as Error).message).not.toContain(value);
    expect(transport.requests).toHaveLength(0);
    expect(() => new REST({ baseUrl, transport, extraHeaders: { 'X-Name': value } })).toThrow(
      expect.objectContaining({ field: 'extraHeaders.X-Name' }),
    );
  },
);

test('header values with a tab or Latin-1 characters (obs-text) are sent as they are', async () => {
  const transport = createTestingTransport({ handler: () => ({ status: 200 }) });
  const { rest } = clientOn(transport);
  await rest.get('/tables', null, { headers: { 'X-Name': 'h\u00e9llo\tworld' } });
  expect(transport.lastRequest?.headers['X-Name']).toBe('h\u00e9llo\tworld');
});

test('a request the transport refuses as invalid (UND_ERR_INVALID_ARG) is never retried', async () => {
  const transport = createTestingTransport({
    script: [{ fail: 'network', code: 'UND_ERR_INVALID_ARG' }, { status: 200 }],
  });
  const { rest, time } = clientOn(transport);
  const error = await outcomeOf(rest.get('/tables'));
  expect((error as { code?: string }).code).toBe('UND_ERR_INVALID_ARG');
  expect(transport.requests).toHaveLength(1);
  expect(time.sleeps).toEqual([]);
});
