// Black-box audit of SPEC 3.1 (config) and 3.2 (paths, query, bodies) through the public API, on both transports.
import { Readable } from 'node:stream';
import { type ConfigError, isConfigError } from '@meta/errors';
import { CLIENT_DEFAULTS, type ClientConfig, REST } from '@meta/rest';
import { createFetchTransport } from '@meta/transport';
import { describe, expect, test } from 'vitest';
import { BAD_CONFIGS, HOSTILE_PATHS } from './blackbox/hostile-inputs.js';
import { rejectionOf, transportConfig, transports, useWireServer } from './blackbox/wire-server.js';

const server = useWireServer();

/** The ConfigError `build` throws (fails the test when it throws anything else or nothing). */
function configErrorOf(build: () => unknown): ConfigError {
  try {
    build();
  } catch (error) {
    if (isConfigError(error)) return error;
    throw new Error(`expected a ConfigError, got ${String(error)}`);
  }
  throw new Error('expected a ConfigError, nothing was thrown');
}

test('defaults are the SPEC 3.1 values (retry 3, retryWait 30 s, 429/503/504, Bearer, Authorization, v1 ...)', () => {
  expect(CLIENT_DEFAULTS).toMatchObject({
    apiVersion: 'v1',
    retry: 3,
    retryWait: 30,
    retryCodes: [429, 503, 504],
    authHeader: 'Authorization',
    authTokenMode: 'Bearer',
    rawData: false,
    allowRedirects: false,
    verify: true,
    timeoutMs: 300_000,
    connectTimeoutMs: 10_000,
    maxRetryAfterMs: 120_000,
    maxRedirects: 10,
  });
});

test('each bad config value is a ConfigError naming its field, thrown at construction with no I/O', () => {
  for (const [config, field] of BAD_CONFIGS) {
    const error = configErrorOf(() => new REST(config as unknown as ClientConfig));
    expect(error.field, JSON.stringify(config)).toBe(field);
    expect(error.name).toBe('ConfigError');
    expect(error.message).not.toContain('pw@');
  }
  expect(server.requests).toHaveLength(0);
});

test('a relative expiresIn is refused with a message that says epoch seconds and how to fix it', () => {
  const error = configErrorOf(
    () => new REST({ baseUrl: 'http://h/api', accessToken: 'tok-abcdef', expiresIn: 3600 }),
  );
  expect(error.message).toMatch(/epoch/i);
  expect(error.message).not.toContain('tok-abcdef');
});

test('a config that is not an object, or lacks baseUrl, is a ConfigError and never a TypeError', () => {
  for (const config of [undefined, null, 'http://h/api', 7, [], {}]) {
    expect(isConfigError(rejectionSync(() => new REST(config as unknown as ClientConfig)))).toBe(true);
  }
});

function rejectionSync(build: () => unknown): unknown {
  try {
    build();
  } catch (error) {
    return error;
  }
  return undefined;
}

test('valid edge values are accepted: upper-case scheme, fractional retryWait, apiVersion with . _ -', () => {
  expect(
    () => new REST({ baseUrl: 'HTTPS://h.example/api/', retryWait: 0.25, apiVersion: 'v2.1_b-x' }),
  ).not.toThrow();
  expect(
    () => new REST({ baseUrl: 'http://h/api', retry: 0, retryWait: 0, retryCodes: [400, 599] }),
  ).not.toThrow();
});

test('inherited config keys on a polluted Object.prototype are ignored; the caller config object is left untouched', async () => {
  const prototype = Object.prototype as Record<string, unknown>;
  prototype.apiVersion = 'v9';
  prototype.extraHeaders = { 'X-Planted': '1' };
  try {
    const config = Object.freeze({ baseUrl: `${server.origin}/api`, accessToken: 'tok-frozen-0001' });
    const client = new REST(config);
    await client.get('/x');
    await client.close();
    expect(server.requests[0]?.target).toBe('/api/v1/x');
    expect(server.requests[0]?.headers['x-planted']).toBeUndefined();
    expect(Object.keys(config)).toEqual(['baseUrl', 'accessToken']);
  } finally {
    delete prototype.apiVersion;
    delete prototype.extraHeaders;
  }
});

test('an unknown per-call option is a ConfigError naming options.<key>, before any I/O', async () => {
  const client = new REST({ baseUrl: `${server.origin}/api`, transport: createFetchTransport() });
  const error = await rejectionOf(client.get('/x', undefined, { timeout: 5 } as never));
  expect(isConfigError(error) && error.field).toBe('options.timeout');
  expect(server.requests).toHaveLength(0);
  await client.close();
});

describe.each(transports)('paths and queries over %s', (_name, make) => {
  const client = () => new REST({ baseUrl: `${server.origin}/prefix/api/`, ...transportConfig(make) });

  test('joins base path, apiVersion and path with exactly one slash and adds a missing leading slash', async () => {
    const rest = client();
    await rest.get('/tables');
    await rest.get('tables/x');
    await rest.get('/tables/', { a: 1 });
    await rest.close();
    expect(server.requests.map((request) => request.target)).toEqual([
      '/prefix/api/v1/tables',
      '/prefix/api/v1/tables/x',
      '/prefix/api/v1/tables/?a=1',
    ]);
  });

  test('every hostile path is a ConfigError with field "path" and nothing reaches the wire', async () => {
    const rest = client();
    for (const path of HOSTILE_PATHS) {
      const error = await rejectionOf(rest.get(path));
      expect(isConfigError(error) && error.field, JSON.stringify(path)).toBe('path');
    }
    for (const method of ['post', 'put', 'patch', 'delete'] as const) {
      expect(isConfigError(await rejectionOf(rest[method]('/../admin', { a: 1 })))).toBe(true);
    }
    await rest.close();
    expect(server.requests).toHaveLength(0);
  });

  test('percent-encodes spaces and non-ASCII, keeps the caller escapes and the query already in the path', async () => {
    const rest = client();
    await rest.get('/tables/a b/é€/%2F?q=1', { fields: 'owners,tags', n: 2 });
    await rest.close();
    expect(server.requests[0]?.target).toBe(
      '/prefix/api/v1/tables/a%20b/%C3%A9%E2%82%AC/%2F?q=1&fields=owners%2Ctags&n=2',
    );
  });

  test('GET data is the query: arrays repeat the key, null/undefined dropped, booleans and numbers as strings', async () => {
    const rest = client();
    await rest.get('/t', {
      tag: ['a', 'b&c'],
      skip: null,
      gone: undefined,
      flag: false,
      limit: 0,
      'k=y': 'v w',
    });
    await rest.close();
    const query = new URL(server.requests[0]?.target ?? '', 'http://x').searchParams;
    expect([...query]).toEqual([
      ['tag', 'a'],
      ['tag', 'b&c'],
      ['flag', 'false'],
      ['limit', '0'],
      ['k=y', 'v w'],
    ]);
  });

  test('the per-call query works on every method and comes after GET data pairs', async () => {
    const rest = client();
    const query = { hardDelete: true, recursive: true, n: 5 };
    await rest.get('/t?x=0', { a: '1' }, { query });
    for (const method of ['post', 'put', 'patch', 'delete'] as const)
      await rest[method]('/t/1', undefined, { query });
    await rest.close();
    expect(server.requests.map((request) => `${request.method} ${request.target}`)).toEqual([
      'GET /prefix/api/v1/t?x=0&a=1&hardDelete=true&recursive=true&n=5',
      'POST /prefix/api/v1/t/1?hardDelete=true&recursive=true&n=5',
      'PUT /prefix/api/v1/t/1?hardDelete=true&recursive=true&n=5',
      'PATCH /prefix/api/v1/t/1?hardDelete=true&recursive=true&n=5',
      'DELETE /prefix/api/v1/t/1?hardDelete=true&recursive=true&n=5',
    ]);
  });

  test('query values that cannot be encoded are ConfigErrors naming data or query, never "[object Object]"', async () => {
    const rest = client();
    const cases: Array<[Promise<unknown>, string]> = [
      [rest.get('/t', { nested: { a: 1 } } as never), 'data'],
      [rest.get('/t', { when: new Date(0) } as never), 'data'],
      [rest.get('/t', { deep: [['a']] } as never), 'data'],
      [rest.get('/t', { bad: '\ud800' }), 'data'],
      [rest.delete('/t', undefined, { query: { nested: { a: 1 } } as never }), 'query'],
      [rest.post('/t', {}, { query: { fn: () => 1 } as never }), 'query'],
    ];
    for (const [call, field] of cases) {
      const error = await rejectionOf(call);
      expect(isConfigError(error) && error.field).toBe(field);
    }
    await rest.close();
    expect(server.requests).toHaveLength(0);
  });
});

describe.each(transports)('bodies over %s', (_name, make) => {
  const client = () => new REST({ baseUrl: `${server.origin}/api`, ...transportConfig(make) });
  const sent = (index: number) => {
    const request = server.requests[index];
    return {
      method: request?.method,
      type: request?.headers['content-type'],
      body: request?.body.toString('utf8'),
    };
  };

  test('objects and arrays go as JSON, PATCH as json-patch, DELETE with a body too', async () => {
    const rest = client();
    await rest.post('/t', { name: 'orders', n: 1 });
    await rest.put('/t', [1, 'two']);
    await rest.patch('/t', [{ op: 'add', path: '/description', value: 'é' }]);
    await rest.delete('/t', { reason: 'x' });
    await rest.close();
    expect([0, 1, 2, 3].map(sent)).toEqual([
      { method: 'POST', type: 'application/json', body: '{"name":"orders","n":1}' },
      { method: 'PUT', type: 'application/json', body: '[1,"two"]' },
      {
        method: 'PATCH',
        type: 'application/json-patch+json',
        body: '[{"op":"add","path":"/description","value":"é"}]',
      },
      { method: 'DELETE', type: 'application/json', body: '{"reason":"x"}' },
    ]);
  });

  test('strings and bytes are sent verbatim (a subarray sends only its own bytes); a per-call Content-Type wins', async () => {
    const rest = client();
    const bytes = new Uint8Array([0, 1, 2, 3, 4, 5, 255]);
    await rest.post('/t', 'name=a&b=c', { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await rest.put('/t', bytes.subarray(2, 5));
    await rest.post('/t', bytes.buffer.slice(5));
    await rest.close();
    expect(sent(0)).toEqual({
      method: 'POST',
      type: 'application/x-www-form-urlencoded',
      body: 'name=a&b=c',
    });
    expect([...(server.requests[1]?.body ?? [])]).toEqual([2, 3, 4]);
    expect([...(server.requests[2]?.body ?? [])]).toEqual([5, 255]);
    expect(server.requests[1]?.headers['content-type']).toBe('application/octet-stream');
  });

  test('null or undefined data sends no body and no Content-Type', async () => {
    const rest = client();
    await rest.post('/t', null);
    await rest.put('/t');
    await rest.close();
    for (const request of server.requests) {
      expect(request.body.length).toBe(0);
      expect(request.headers['content-type']).toBeUndefined();
    }
  });

  test('data of any other kind (number, Map, Date, stream, cycle, BigInt, Blob) is a ConfigError naming data', async () => {
    const rest = client();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    const values: unknown[] = [
      42,
      true,
      new Map([['a', 1]]),
      new Date(0),
      Readable.from(['x']),
      new ReadableStream(),
      cycle,
    ];
    values.push({ big: 1n }, new Blob(['x']), new Uint16Array(2), Symbol('s'));
    for (const value of values) {
      const error = await rejectionOf(rest.post('/t', value as never));
      expect(
        isConfigError(error) && error.field,
        String((value as object | undefined)?.constructor?.name),
      ).toBe('data');
    }
    expect(isConfigError(await rejectionOf(rest.get('/t', 'q=1' as never)))).toBe(true);
    await rest.close();
    expect(server.requests).toHaveLength(0);
  });
});
