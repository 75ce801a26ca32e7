import { createTestingTransport } from '@meta/transport/testing';
import { afterEach, expect, test, vi } from 'vitest';
import { CLIENT_DEFAULTS, REST } from '../src/index.js';
import { configErrorOf } from './helpers/config-error.js';
import { jsonStep as json, routedTransport } from './helpers/testing-steps.js';

const transport = routedTransport(() => json(200, {}));
const base = { baseUrl: 'https://metadata.test/api', transport };

afterEach(() => {
  vi.restoreAllMocks();
  delete (Object.prototype as Record<string, unknown>).retry;
  delete (Object.prototype as Record<string, unknown>).Authorization;
  delete (Object.prototype as Record<string, unknown>).beforeRequest;
});

test('the defaults are the documented ones', () => {
  expect(CLIENT_DEFAULTS).toMatchObject({
    apiVersion: 'v1',
    retry: 3,
    retryWait: 30,
    retryCodes: [429, 503, 504],
    sensitiveHeaders: [],
    retryNonIdempotent: false,
    backoff: 'linear',
    userAgent: '@meta/rest',
    authHeader: 'Authorization',
    authTokenMode: 'Bearer',
    timeoutMs: 300_000,
    connectTimeoutMs: 10_000,
    maxRetryAfterMs: 120_000,
    maxResponseBytes: 64 * 1024 * 1024,
    maxRedirects: 10,
    allowRedirects: false,
    rawData: false,
  });
});

test.each([
  [{ retry: -1 }, 'retry'],
  [{ retry: 1.5 }, 'retry'],
  [{ retryWait: Number.NaN }, 'retryWait'],
  [{ retryWait: -1 }, 'retryWait'],
  [{ retryCodes: [200] }, 'retryCodes'],
  [{ retryCodes: [429, 600] }, 'retryCodes'],
  [{ apiVersion: '..' }, 'apiVersion'],
  [{ apiVersion: 'v1/../x' }, 'apiVersion'],
  [{ timeoutMs: 0 }, 'timeoutMs'],
  [{ unknownOption: true }, 'unknownOption'],
  [{ hooks: { beforeRequest: 'nope' } }, 'hooks.beforeRequest'],
  [{ authToken: 'not a function' }, 'authToken'],
])('rejects %o with a ConfigError naming %s', (override, field) => {
  const error = configErrorOf(() => new REST({ ...base, ...override } as never));
  expect(error.field).toBe(field);
  expect(error.issues.length).toBeGreaterThan(0);
});

test.each([
  'ftp://metadata.test',
  'metadata.test/api',
  'https://user:secret@metadata.test',
  'https://metadata.test/api?x=1',
  'https://metadata.test/api#top',
])('rejects the base URL %s', (baseUrl) => {
  const error = configErrorOf(() => new REST({ ...base, baseUrl }));
  expect(error.field).toBe('baseUrl');
  expect(error.message).not.toContain('secret');
});

test.each([
  [{ 'X-Bad': 'a\r\nInjected: 1' }, 'extraHeaders.X-Bad'],
  [{ 'X-Nul': 'a\0b' }, 'extraHeaders.X-Nul'],
  [{ 'Bad Name': 'x' }, 'extraHeaders.Bad Name'],
  [{ Host: 'evil.test' }, 'extraHeaders.Host'],
  [{ 'content-length': '1' }, 'extraHeaders.content-length'],
  [{ 'X-Template': 'a % b' }, 'extraHeaders.X-Template'],
  [{ 'X-Template': '%(Authorization' }, 'extraHeaders.X-Template'],
  [{ 'X-Template': '%(constructor)s' }, 'extraHeaders.X-Template'],
])('rejects the extra headers %o naming %s, never the value', (extraHeaders, field) => {
  const error = configErrorOf(() => new REST({ ...base, extraHeaders }));
  expect(error.field).toBe(field);
  expect(error.message).not.toContain('Injected');
});

test('rejects a __proto__ or constructor header name', () => {
  const proto = JSON.parse('{"__proto__": "x"}');
  expect(configErrorOf(() => new REST({ ...base, extraHeaders: proto })).field).toBe(
    'extraHeaders.__proto__',
  );
  const constructorHeader = { constructor: 'x' };
  expect(configErrorOf(() => new REST({ ...base, extraHeaders: constructorHeader })).field).toBe(
    'extraHeaders.constructor',
  );
});

test('a non-default verify with a passed transport is a ConfigError on verify', () => {
  expect(configErrorOf(() => new REST({ ...base, verify: false })).field).toBe('verify');
  expect(configErrorOf(() => new REST({ ...base, verify: '/etc/ssl/ca.pem' })).field).toBe('verify');
});

test('an unreadable CA path is a ConfigError naming the path', () => {
  const error = configErrorOf(
    () => new REST({ baseUrl: 'https://metadata.test', verify: '/no/such/ca.pem' }),
  );
  expect(error.field).toBe('verify');
  expect(error.message).toContain('/no/such/ca.pem');
});

test('a polluted Object.prototype changes neither config nor headers', async () => {
  const recording = routedTransport(() => json(504, {}));
  const prototype = Object.prototype as Record<string, unknown>;
  prototype.retry = 0;
  prototype.Authorization = 'Bearer stolen';
  prototype.beforeRequest = () => {
    throw new Error('polluted hook ran');
  };
  const sleeps: number[] = [];
  const client = new REST({
    baseUrl: 'https://metadata.test/api',
    transport: recording,
    retry: 1,
    hooks: {},
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  await expect(client.get('/tables')).rejects.toMatchObject({ name: 'APIError', statusCode: 504 });
  expect(recording.sent).toHaveLength(2);
  expect(Object.keys(recording.sent[0]!.headers)).not.toContain('Authorization');
});

test('bearer tokens to a non-loopback http URL and verify: false each warn once at construction', () => {
  const warn = vi.fn();
  new REST({ baseUrl: 'http://metadata.test', accessToken: 'secret-token-1', transport, logger: { warn } });
  expect(warn).toHaveBeenCalledTimes(1);
  expect(String(warn.mock.calls[0]![0])).not.toContain('secret-token-1');
  new REST({ baseUrl: 'http://127.0.0.1:8585', accessToken: 'secret-token-1', transport, logger: { warn } });
  new REST({ baseUrl: 'http://localhost:8585', accessToken: 'secret-token-1', transport, logger: { warn } });
  expect(warn).toHaveBeenCalledTimes(1);
  const client = new REST({ baseUrl: 'https://metadata.test', verify: false, logger: { warn } });
  expect(warn).toHaveBeenCalledTimes(2);
  return client.close();
});

test('the config object is never written to', async () => {
  const config = Object.freeze({
    baseUrl: 'https://metadata.test/api',
    transport,
    authToken: () => ['fresh-token-1', 3600] as const,
  });
  const client = new REST(config);
  await client.get('/tables');
  expect(Object.keys(config)).toEqual(['baseUrl', 'transport', 'authToken']);
});

test('expiresIn: 3600 (relative seconds by mistake) is a ConfigError naming expiresIn with the fix', () => {
  const error = configErrorOf(() => new REST({ ...base, accessToken: 'token-abcdef', expiresIn: 3600 }));
  expect(error.field).toBe('expiresIn');
  expect(error.message).toContain('Math.floor(Date.now() / 1000)');
});

test('an unknown option is named in the message and the field', () => {
  const error = configErrorOf(() => new REST({ ...base, timeout: 5 } as never));
  expect(error.field).toBe('timeout');
  expect(error.message).toContain('unknown option "timeout"');
});

test('every config message is our own, never zod\'s locale-less "Invalid input"', () => {
  for (const override of [
    { retry: 'x' },
    { retryCodes: 'x' },
    { verify: 3 },
    { backoff: 'cubic' },
    { hooks: 1 },
  ]) {
    const error = configErrorOf(() => new REST({ ...base, ...override } as never));
    expect(error.message).not.toContain('Invalid input');
  }
});

test('a preset token with surrounding whitespace is trimmed before use, and what was sent is masked', async () => {
  const sent: string[] = [];
  const echo = createTestingTransport((request) => {
    const authorization = request.headers.Authorization ?? '';
    sent.push(authorization);
    // A server that echoes the credentials it saw, as HTTP would deliver them (trimmed).
    return { status: 401, body: { message: `rejected credentials: ${authorization.trim()}` } };
  });
  const rest = new REST({ ...base, transport: echo, retry: 0, accessToken: ' sekrit-token-123\t ' });
  const error = await rest.get('/x').catch((caught: unknown) => caught);
  expect(sent[0]).toBe('Bearer sekrit-token-123');
  expect(String((error as Error).message)).not.toContain('sekrit-token-123');
  expect(JSON.stringify(error)).not.toContain('sekrit-token-123');
});

test('a preset token with CR/LF inside is a ConfigError naming accessToken and the header it would go in', () => {
  const error = configErrorOf(
    () => new REST({ ...base, authHeader: 'X-Api-Token', accessToken: 'abc\r\nX-Evil: 1' }),
  );
  expect(error.field).toBe('accessToken');
  expect(error.message).toContain('X-Api-Token');
  expect(error.message).not.toContain('X-Evil');
});

test('a config value whose getter throws is a ConfigError naming its field, never a raw exception', () => {
  const hostile = {
    get send(): never {
      throw new Error('getter exploded');
    },
    close: () => Promise.resolve(),
  };
  const error = configErrorOf(
    () => new REST({ baseUrl: 'https://metadata.test/api', transport: hostile as never }),
  );
  expect(error.field).toBe('transport');
  expect(error.message).toContain('transport must implement send() and close()');
});

test('every bad field and every unknown key is an issue (zod issues for fields), the first names the field', () => {
  const error = configErrorOf(
    () =>
      new REST({
        ...base,
        retry: -1,
        hooks: { beforeRequest: () => undefined, onError: () => undefined },
        timeout: 5,
      } as never),
  );
  expect(error.field).toBe('retry');
  expect(error.message).toBe('Invalid REST config: retry: retry must be an integer from 0 to 1000');
  expect(error.issues).toEqual([
    { code: 'custom', path: ['retry'], message: 'retry must be an integer from 0 to 1000' },
    { code: 'unrecognized_keys', path: ['hooks'], message: 'unknown option "onError" (see ClientConfig)' },
    { code: 'unrecognized_keys', path: [], message: 'unknown option "timeout" (see ClientConfig)' },
  ]);
  const hookError = configErrorOf(() => new REST({ ...base, hooks: { onError: () => undefined } } as never));
  expect(hookError.field).toBe('hooks.onError');
  expect(hookError.message).toBe(
    'Invalid REST config: hooks.onError: unknown option "onError" (see ClientConfig)',
  );
});

test('header-shaped options are checked in the same pass as every other field, each issue naming its field', () => {
  const error = configErrorOf(
    () =>
      new REST({
        ...base,
        authHeader: 'Bad Header',
        authTokenMode: 'Bearer\r\nX-Evil: 1',
        userAgent: 'agent\0',
        sensitiveHeaders: ['X-Ok', 'not a token'],
      }),
  );
  expect(error.field).toBe('authHeader');
  expect(error.message).toBe('Invalid REST config: authHeader: authHeader must be an RFC 9110 header name');
  expect(error.issues.map((issue) => issue.path.join('.'))).toEqual([
    'authHeader',
    'sensitiveHeaders',
    'authTokenMode',
    'userAgent',
  ]);
  expect(JSON.stringify(error.issues)).not.toContain('X-Evil');
  expect(configErrorOf(() => new REST({ ...base, authHeader: 'Host' })).message).toContain(
    'authHeader cannot be Host: the client manages that header',
  );
});

test('hooks must be a plain object: a class instance is refused, not read half through its prototype', () => {
  class Hooks {
    beforeRequest(): void {}
  }
  const error = configErrorOf(() => new REST({ ...base, hooks: new Hooks() }));
  expect(error.field).toBe('hooks');
  expect(error.message).toContain('hooks must be an object of beforeRequest, afterResponse and beforeRetry');
});

test('the loopback check reads the URL as parsed: 127.1 and [::1] are loopback, 127.0.0.1.nip.io is not', () => {
  const warn = vi.fn();
  for (const baseUrl of ['http://127.1:8585', 'http://[::1]:8585', 'http://LOCALHOST:8585']) {
    new REST({ baseUrl, accessToken: 'secret-token-1', transport, logger: { warn } });
  }
  expect(warn).not.toHaveBeenCalled();
  new REST({
    baseUrl: 'http://127.0.0.1.nip.io',
    accessToken: 'secret-token-1',
    transport,
    logger: { warn },
  });
  expect(warn).toHaveBeenCalledTimes(1);
});

test.each([
  [{ signal: {} }, 'options.signal', 'signal must be an AbortSignal'],
  [{ headers: [] }, 'headers', 'headers must be a plain object, a Headers or a Map'],
  [{ query: new Map() }, 'query', 'query must be a plain object of query parameters'],
  [{ timeoutMs: 0 }, 'options.timeoutMs', 'timeoutMs must be a positive integer of milliseconds'],
  [{ retry: 1001 }, 'options.retry', 'retry must be an integer from 0 to 1000'],
  [
    { schema: {} },
    'options.schema',
    'schema must be a Standard Schema v1 validator (zod 4, valibot, arktype, ...)',
  ],
  [{ rawData: 1 }, 'options.rawData', 'rawData must be a boolean'],
  [{ retryNonIdempotent: 'yes' }, 'options.retryNonIdempotent', 'retryNonIdempotent must be a boolean'],
  [{ __proto__: null, toString: 1 }, 'options.toString', 'Unknown call option "toString"'],
])('the call option %o is refused with a ConfigError naming %s', async (options, field, message) => {
  const rest = new REST(base);
  await expect(rest.get('/x', undefined, options as never)).rejects.toMatchObject({ field, message });
});
