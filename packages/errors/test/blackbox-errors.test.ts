// Black-box audit of SPEC section 1 and 5 through the public entry point only, as an outside checker would.
import { inspect } from 'node:util';
import * as errors from '@meta/errors';
import {
  APIError,
  AuthProviderError,
  ClientClosedError,
  ConfigError,
  createRedactor,
  isAPIError,
  isConfigError,
  NetworkError,
  ResponseParseError,
  ResponseTooLargeError,
  RetryException,
  TimeoutError,
  TooManyRedirectsError,
} from '@meta/errors';
import { afterEach, expect, test, vi } from 'vitest';

const token = 'tok-9f8e7d6c5b4a-secret';
const url = `https://user:pa55w0rd@meta.example/api/v1/tables?token=${token}&limit=5`;

/** One instance of every class, built the way the README documents, each with a cause. */
function everyError(module: typeof errors, cause: unknown): Record<string, Error> {
  return {
    APIError: new module.APIError({ message: 'no' }, { response: { status: 500 }, cause }),
    RetryException: new module.RetryException({ attempt: 1, cause }),
    NetworkError: new module.NetworkError({ code: 'ECONNREFUSED', method: 'get', url, cause }),
    TimeoutError: new module.TimeoutError({ phase: 'headers', timeoutMs: 5, method: 'GET', url, cause }),
    ConfigError: new module.ConfigError('bad retry', { field: 'retry', cause }),
    ResponseParseError: new module.ResponseParseError({ statusCode: 200, snippet: '{', cause }),
    ResponseTooLargeError: new module.ResponseTooLargeError({ limitBytes: 10, method: 'GET', url, cause }),
    TooManyRedirectsError: new module.TooManyRedirectsError({ maxRedirects: 1, chain: [url], url, cause }),
    ClientClosedError: new module.ClientClosedError('closed', { cause }),
    AuthProviderError: new module.AuthProviderError('provider failed', { cause }),
  };
}

const guardOf = (module: typeof errors, kind: string) =>
  (module as unknown as Record<string, (value: unknown) => boolean>)[`is${kind}`] as (
    value: unknown,
  ) => boolean;

afterEach(() => {
  vi.resetModules();
});

test('every class has name equal to its class, extends Error, keeps cause, and only its own guard answers true', () => {
  const cause = new Error('root');
  const all = everyError(errors, cause);
  for (const [kind, error] of Object.entries(all)) {
    expect(error.name).toBe(kind);
    expect(error).toBeInstanceOf(Error);
    expect(error.cause).toBe(cause);
    expect(String(error).startsWith(`${kind}: `)).toBe(true);
    for (const otherKind of Object.keys(all)) {
      expect(guardOf(errors, otherKind)(error)).toBe(otherKind === kind);
    }
  }
});

test('guards answer false, never throw, for primitives, plain look-alikes, throwing proxies and cross-realm junk', () => {
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('trap');
      },
      getPrototypeOf() {
        throw new Error('trap');
      },
      has() {
        throw new Error('trap');
      },
    },
  );
  const lookAlike = { name: 'APIError', message: 'x', statusCode: 404, code: 404 };
  for (const value of [undefined, null, 0, 'APIError', Symbol('x'), hostile, lookAlike, new Error('x')]) {
    for (const kind of Object.keys(everyError(errors, undefined))) {
      expect(guardOf(errors, kind)(value)).toBe(false);
    }
  }
});

test('guards and instanceof recognise errors built by a second, freshly loaded copy of the package', async () => {
  vi.resetModules();
  const copy = (await import('@meta/errors')) as typeof errors;
  expect(copy.APIError).not.toBe(errors.APIError);
  for (const [kind, error] of Object.entries(everyError(copy, undefined))) {
    expect(guardOf(errors, kind)(error)).toBe(true);
    expect(error).toBeInstanceOf((errors as unknown as Record<string, new () => Error>)[kind]);
  }
  for (const [kind, error] of Object.entries(everyError(errors, undefined))) {
    expect(guardOf(copy, kind)(error)).toBe(true);
  }
  expect(copy.isMetaError(new errors.TimeoutError({ phase: 'body' }))).toBe(true);
});

test('a subclass is named after itself, passes the parent guard, and a plain parent is not an instance of it', () => {
  class NotFound extends APIError {}
  const notFound = new NotFound({ message: 'gone' }, { response: { status: 404 } });
  expect(notFound.name).toBe('NotFound');
  expect(isAPIError(notFound)).toBe(true);
  expect(new APIError({}, { response: { status: 404 } })).not.toBeInstanceOf(NotFound);
});

test('APIError takes message and code (number or string) from a JSON {code, message} body', () => {
  const numeric = new APIError(
    { code: 404, message: 'Entity with id [42] not found.' },
    { response: { status: 404 } },
  );
  expect([numeric.message, numeric.code, numeric.statusCode]).toEqual([
    'Entity with id [42] not found.',
    404,
    404,
  ]);
  const text = new APIError(undefined, {
    response: {
      status: 409,
      headers: { 'content-type': 'application/json' },
      body: '{"code":"CONFLICT","message":"taken"}',
    },
  });
  expect([text.message, text.code, text.statusCode]).toEqual(['taken', 'CONFLICT', 409]);
  expect(text.response?.body).toEqual({ code: 'CONFLICT', message: 'taken' });
});

test('APIError without a body message reads "<status> <text> for <METHOD> <redacted url>" and code falls back to the status', () => {
  const error = new APIError(
    { detail: 'nope' },
    { request: { method: 'get', url }, response: { status: 404, statusText: 'Not Found' } },
  );
  expect(error.code).toBe(404);
  expect(error.message.startsWith('404 Not Found for GET https://')).toBe(true);
  expect(error.message).toContain('meta.example/api/v1/tables');
  expect(error.message).not.toContain(token);
  expect(error.message).not.toContain('pa55w0rd');
  expect(error.request?.method).toBe('GET');
});

test('APIError built by hand without a response has statusCode undefined and a usable message', () => {
  const bare = new APIError();
  expect(bare.statusCode).toBeUndefined();
  expect(typeof bare.message).toBe('string');
  expect(bare.response).toBeUndefined();
  expect(new APIError('plain text failure').message).toBe('plain text failure');
});

test('APIError ignores an inherited message/code: a polluted Object.prototype cannot forge them', () => {
  const prototype = Object.prototype as Record<string, unknown>;
  prototype.message = 'forged';
  prototype.code = 'FORGED';
  try {
    const error = new APIError(
      {},
      { request: { method: 'GET', url: 'https://h/x' }, response: { status: 500 } },
    );
    expect(error.code).toBe(500);
    expect(error.message).not.toBe('forged');
    const inherited = new APIError(Object.create({ message: 'from prototype', code: 7 }), {
      response: { status: 502 },
    });
    expect(inherited.code).toBe(502);
  } finally {
    delete prototype.message;
    delete prototype.code;
  }
});

test('a redactor planted on Object.prototype cannot switch masking off for any error built afterwards', () => {
  const prototype = Object.prototype as Record<string, unknown>;
  const identity = {
    isSensitiveHeader: () => false,
    headers: (headers: unknown) => headers,
    headerValue: (_: string, value: string) => value,
  };
  prototype.redactor = {
    ...identity,
    url: String,
    text: String,
    value: (value: unknown) => value,
    extend: () => identity,
  };
  try {
    const built = [
      new APIError(
        { message: `m ${token}` },
        {
          request: { method: 'GET', url, headers: { Authorization: `Bearer ${token}` } },
          response: { status: 500 },
          secrets: [token],
        },
      ),
      new NetworkError({ method: 'GET', url, secrets: [token] }),
      new TimeoutError({ phase: 'headers', method: 'GET', url }),
      new RetryException({
        message: `retry ${token}`,
        response: { status: 503, headers: { 'Set-Cookie': `sid=${token}` } },
        secrets: [token],
      }),
      new ClientClosedError(`closed ${token}`, { secrets: [token] }),
    ];
    for (const error of built) {
      expect(`${error.message}${JSON.stringify(error)}`).not.toContain(token);
      expect(JSON.stringify(error)).not.toContain('pa55w0rd');
    }
  } finally {
    delete prototype.redactor;
  }
});

test('APIError never turns a non-string body message or a non-primitive code into "[object Object]"', () => {
  const error = new APIError({ message: { nested: true }, code: { x: 1 } }, { response: { status: 400 } });
  expect(error.message).not.toContain('[object Object]');
  expect(error.code).toBe(400);
});

test('APIError keeps message and code of a JSON text body over 64 KiB, while storing only a bounded copy', () => {
  const body = JSON.stringify({
    code: 'LOOKUP',
    message: 'lookup failed',
    stackTrace: 'at x\n'.repeat(20_000),
  });
  const error = new APIError(undefined, {
    response: {
      status: 500,
      statusText: 'Internal Server Error',
      headers: { 'content-type': 'application/json' },
      body,
    },
  });
  expect([error.message, error.code, error.statusCode]).toEqual(['lookup failed', 'LOOKUP', 500]);
  expect(String(error.response?.body).length).toBeLessThanOrEqual(64 * 1024 + 100);
});

test('APIError bounds a huge text error body and keeps the status', () => {
  const huge = 'x'.repeat(2_000_000);
  const error = new APIError(undefined, {
    response: { status: 500, headers: { 'content-type': 'text/plain' }, body: huge },
  });
  expect(error.statusCode).toBe(500);
  expect(String(error.response?.body).length).toBeLessThanOrEqual(64 * 1024 + 100);
});

test('request and response hold no secret: auth scheme kept, cookies, api keys, userinfo and query secrets masked', () => {
  const error = new APIError(
    { message: `token ${token} rejected`, password: 'hunter2-secret' },
    {
      request: {
        method: 'POST',
        url,
        headers: {
          Authorization: `Bearer ${token}`,
          'X-Api-Key': 'k-123456789',
          Cookie: 'sid=s3ss10n-value',
          Accept: 'a/b',
        },
      },
      response: {
        status: 401,
        headers: { 'Set-Cookie': 'sid=s3ss10n-value; HttpOnly', 'X-Auth-Token': 'abcd-efgh' },
      },
      secrets: [token],
    },
  );
  expect(error.request?.headers).toMatchObject({
    Authorization: 'Bearer ****',
    'X-Api-Key': '****',
    Cookie: '****',
    Accept: 'a/b',
  });
  const everything = [
    error.message,
    error.stack,
    JSON.stringify(error),
    JSON.stringify(error.toJSON()),
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
    JSON.stringify(error.request),
    JSON.stringify(error.response),
  ].join('\n');
  for (const secret of [token, 'pa55w0rd', 'k-123456789', 's3ss10n-value', 'abcd-efgh', 'hunter2-secret']) {
    expect(everything).not.toContain(secret);
  }
  expect(error.message).toBe('token **** rejected');
});

test('toJSON and inspect render a secret-carrying cause chain redacted, while cause itself is kept as given', () => {
  const inner = new Error(`connect to ${url} failed, Authorization: Bearer ${token}`);
  const outer = new Error('wrapped', { cause: inner });
  const error = new NetworkError({ code: 'ECONNRESET', method: 'GET', url, cause: outer, secrets: [token] });
  expect(error.cause).toBe(outer);
  const rendered = `${JSON.stringify(error)}\n${inspect(error, { depth: 20 })}\n${error.stack}`;
  expect(rendered).not.toContain(token);
  expect(rendered).not.toContain('pa55w0rd');
  expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'NetworkError', code: 'ECONNRESET' });
});

test('toJSON survives a cycle of causes and a cause that throws on every property read', () => {
  const a = new Error('a') as Error & { cause?: unknown };
  const b = new Error('b', { cause: a });
  a.cause = b;
  const hostile = new Proxy(new Error('h'), {
    get() {
      throw new Error('trap');
    },
  });
  expect(() => JSON.stringify(new ClientClosedError('closed', { cause: a }))).not.toThrow();
  expect(() => JSON.stringify(new ClientClosedError('closed', { cause: hostile }))).not.toThrow();
  expect(() => inspect(new ClientClosedError('closed', { cause: hostile }))).not.toThrow();
});

test('RetryException carries attempt, response and retryAfterMs, and a hook can build it with no arguments', () => {
  const plain = new RetryException();
  expect([plain.name, plain.code]).toEqual(['RetryException', 'ERR_RETRY']);
  const full = new RetryException({
    attempt: 2,
    retryAfterMs: 1500,
    response: { status: 503, headers: { 'Set-Cookie': 'a=secretvalue' } },
  });
  expect([full.attempt, full.retryAfterMs, full.response?.status]).toEqual([2, 1500, 503]);
  expect(JSON.stringify(full)).not.toContain('secretvalue');
});

test('NetworkError keeps the system code from its cause (or its cause) and names method and redacted URL', () => {
  const system = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
  const fetchFailed = new TypeError('fetch failed', { cause: system });
  const error = new NetworkError({ method: 'delete', url, cause: fetchFailed });
  expect(error.code).toBe('ECONNREFUSED');
  expect(error.message).toContain('DELETE https://');
  expect(error.message).not.toContain(token);
  expect(new NetworkError().code).toBe('ERR_NETWORK');
});

test('TimeoutError keeps each phase, names method and redacted URL, and refuses an unknown phase with ConfigError', () => {
  for (const phase of ['connect', 'headers', 'body', 'total'] as const) {
    const error = new TimeoutError({ phase, timeoutMs: 100, method: 'GET', url });
    expect([error.phase, error.code, error.timeoutMs]).toEqual([phase, 'ERR_TIMEOUT', 100]);
    expect(error.message).toContain('GET https://');
    expect(error.message).not.toContain(token);
  }
  const thrown = (() => {
    try {
      new TimeoutError({ phase: 'idle' as never });
    } catch (error) {
      return error;
    }
  })();
  expect(isConfigError(thrown) && thrown.field).toBe('phase');
});

test('ConfigError carries field and zod-shaped issues without the rejected input', () => {
  const error = new ConfigError('retry must be >= 0', {
    field: 'retry',
    issues: [{ path: ['retry'], message: 'too small', code: 'too_small', input: `secret ${token}` } as never],
  });
  expect([error.field, error.code]).toEqual(['retry', 'ERR_CONFIG']);
  expect(error.issues?.[0]).toMatchObject({ path: ['retry'], message: 'too small' });
  expect(JSON.stringify(error)).not.toContain(token);
  expect(() => new ConfigError('x', { field: '' })).toThrow(ConfigError);
});

test('ResponseParseError keeps statusCode and a bounded, redacted snippet', () => {
  const error = new ResponseParseError({
    statusCode: 200,
    snippet: `{"access_token":"${token}"${'x'.repeat(100_000)}`,
    method: 'GET',
    url,
    secrets: [token],
  });
  expect(error.statusCode).toBe(200);
  expect(error.snippet?.length).toBeLessThanOrEqual(1024 + 64);
  expect(`${error.snippet}${error.message}${JSON.stringify(error)}`).not.toContain(token);
});

test('too-large and too-many-redirects errors redact every URL in their message, chain and JSON', () => {
  const tooLarge = new ResponseTooLargeError({ limitBytes: 1024, statusCode: 200, method: 'GET', url });
  const redirects = new TooManyRedirectsError({
    maxRedirects: 2,
    chain: [url, new URL(url)],
    method: 'GET',
    url,
  });
  expect(tooLarge.limitBytes).toBe(1024);
  expect(redirects.chain).toHaveLength(2);
  const rendered = [
    tooLarge.message,
    redirects.message,
    ...redirects.chain,
    JSON.stringify([tooLarge, redirects]),
  ].join();
  expect(rendered).not.toContain(token);
  expect(rendered).not.toContain('pa55w0rd');
});

test('AuthProviderError keeps what the provider threw as cause and never prints its secret', () => {
  const thrown = new Error(`refresh failed for client_secret=${token}`);
  const error = new AuthProviderError('the auth provider failed', { cause: thrown, secrets: [token] });
  expect(error.cause).toBe(thrown);
  expect(`${inspect(error)}${JSON.stringify(error)}`).not.toContain(token);
});

test('a constructor handed an option of the wrong kind throws a ConfigError naming it, never a TypeError', () => {
  const cases: Array<[() => unknown, string]> = [
    [() => new APIError({}, 'nope' as never), 'httpInfo'],
    [() => new APIError({}, { request: 'GET /' as never }), 'httpInfo.request'],
    [() => new APIError({}, { response: { status: '500' as never } }), 'httpInfo.response.status'],
    [() => new APIError({}, { response: { status: 500 }, retryAfterMs: -1 }), 'httpInfo.retryAfterMs'],
    [() => new TimeoutError({ phase: 'headers', timeoutMs: Number.NaN }), 'timeoutMs'],
    [() => new NetworkError({ code: '' }), 'code'],
    [() => new NetworkError({ beforeResponse: 'yes' as never }), 'beforeResponse'],
    [() => new RetryException({ attempt: 1.5 }), 'attempt'],
    [() => new ResponseTooLargeError({ limitBytes: -1 }), 'limitBytes'],
    [() => new TooManyRedirectsError({ maxRedirects: 1, chain: 5 as never }), 'chain'],
    [() => new ConfigError('x', {} as never), 'field'],
    [() => new ClientClosedError('closed', 'options' as never), 'options'],
  ];
  for (const [build, field] of cases) {
    let thrown: unknown;
    try {
      build();
    } catch (error) {
      thrown = error;
    }
    expect(isConfigError(thrown) && thrown.field, field).toBe(field);
  }
});

test('redaction is linear on 200,000-character hostile inputs', () => {
  const redactor = createRedactor({ secrets: [token] });
  const inputs = [
    'Bearer '.repeat(30_000),
    '%'.repeat(200_000),
    `https://h/?${'&a='.repeat(60_000)}`,
    `https://${'a:'.repeat(100_000)}@h/`,
    '"password":"'.repeat(20_000),
    `${'token='.repeat(30_000)}`,
  ];
  const started = performance.now();
  for (const input of inputs) {
    redactor.text(input);
    redactor.url(input);
    redactor.headerValue('Authorization', input);
  }
  // Generous bound: quadratic behaviour on these sizes takes minutes, linear takes milliseconds.
  expect(performance.now() - started).toBeLessThan(8_000);
});
