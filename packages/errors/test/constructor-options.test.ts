import { expect, test } from 'vitest';
import {
  APIError,
  AuthProviderError,
  ClientClosedError,
  ConfigError,
  isConfigError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  RetryException,
  TimeoutError,
  TooManyRedirectsError,
} from '../src/index.js';

/** Run `build` and return the ConfigError it threw (failing the test when it threw anything else). */
function configErrorFrom(build: () => unknown): ConfigError {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(isConfigError(thrown), `expected a ConfigError, got ${String(thrown)}`).toBe(true);
  return thrown as ConfigError;
}

const wrongKinds: Array<[string, () => unknown, string]> = [
  ['APIError with a string httpInfo', () => new APIError({ message: 'x' }, 'info' as never), 'httpInfo'],
  [
    'APIError with a number as its request',
    () => new APIError(undefined, { request: 5 as never }),
    'httpInfo.request',
  ],
  [
    'APIError with a response status that is not an integer',
    () => new APIError(undefined, { response: { status: '404' as never } }),
    'httpInfo.response.status',
  ],
  [
    'APIError with a negative retryAfterMs',
    () => new APIError(undefined, { retryAfterMs: -1 }),
    'httpInfo.retryAfterMs',
  ],
  ['RetryException with a string as options', () => new RetryException('retry' as never), 'options'],
  ['RetryException with a fractional attempt', () => new RetryException({ attempt: 1.5 }), 'attempt'],
  [
    'RetryException with an infinite retryAfterMs',
    () => new RetryException({ retryAfterMs: Number.POSITIVE_INFINITY }),
    'retryAfterMs',
  ],
  ['NetworkError with a numeric code', () => new NetworkError({ code: 111 as never }), 'code'],
  [
    'NetworkError with a string beforeResponse',
    () => new NetworkError({ beforeResponse: 'yes' as never }),
    'beforeResponse',
  ],
  ['TimeoutError without options', () => new TimeoutError(undefined as never), 'phase'],
  ['TimeoutError with an unknown phase', () => new TimeoutError({ phase: 'read' as never }), 'phase'],
  [
    'TimeoutError with a NaN timeoutMs',
    () => new TimeoutError({ phase: 'total', timeoutMs: Number.NaN }),
    'timeoutMs',
  ],
  ['ConfigError without options', () => new ConfigError('x', undefined as never), 'field'],
  ['ConfigError with an empty field', () => new ConfigError('x', { field: '' }), 'field'],
  [
    'ResponseParseError with a string statusCode',
    () => new ResponseParseError({ statusCode: '200' as never }),
    'statusCode',
  ],
  [
    'ResponseTooLargeError without options',
    () => new ResponseTooLargeError(undefined as never),
    'limitBytes',
  ],
  [
    'ResponseTooLargeError with a negative limitBytes',
    () => new ResponseTooLargeError({ limitBytes: -1 }),
    'limitBytes',
  ],
  [
    'TooManyRedirectsError without options',
    () => new TooManyRedirectsError(undefined as never),
    'maxRedirects',
  ],
  [
    'TooManyRedirectsError with a chain that is a number',
    () => new TooManyRedirectsError({ maxRedirects: 3, chain: 7 as never }),
    'chain',
  ],
  [
    'ClientClosedError with a string as options',
    () => new ClientClosedError('closed', 'x' as never),
    'options',
  ],
  [
    'AuthProviderError with an array as options',
    () => new AuthProviderError('failed', [] as never),
    'options',
  ],
];

test.each(wrongKinds)('%s is a ConfigError naming the option, not a TypeError', (_name, build, field) => {
  expect(configErrorFrom(build).field).toBe(field);
});

test('null option bags mean "no options", as undefined does', () => {
  expect(new APIError({ message: 'gone' }, null).message).toBe('gone');
  expect(new RetryException(null).attempt).toBeUndefined();
  expect(new NetworkError(null).code).toBe('ERR_NETWORK');
  expect(new ResponseParseError(null).statusCode).toBeUndefined();
  expect(new ClientClosedError(undefined, null).name).toBe('ClientClosedError');
  expect(new AuthProviderError(undefined, null).name).toBe('AuthProviderError');
  expect(
    new APIError(undefined, { request: null as never, response: null as never }).statusCode,
  ).toBeUndefined();
});

test('a redirect chain may be any iterable of URLs, and is stored redacted', () => {
  const chain = new Set(['https://meta.example/a?token=abc', new URL('https://meta.example/b')]);
  const error = new TooManyRedirectsError({ maxRedirects: 1, chain });
  expect(error.chain).toEqual(['https://meta.example/a?token=****', 'https://meta.example/b']);
});

test('a TimeoutError accepts every documented phase', () => {
  for (const phase of ['connect', 'headers', 'body', 'total'] as const) {
    expect(new TimeoutError({ phase }).phase).toBe(phase);
  }
});
