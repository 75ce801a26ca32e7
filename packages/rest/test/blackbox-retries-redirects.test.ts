import { inspect } from 'node:util';
import {
  APIError,
  isAPIError,
  isNetworkError,
  isRetryException,
  isTooManyRedirectsError,
  type NetworkError,
  RetryException,
  TooManyRedirectsError,
} from '@meta/errors';
import { REST } from '@meta/rest';
import { describe, expect, test } from 'vitest';
import { useHarness } from './blackbox-wire/harness.js';
import { closedPort, httpResponse, type RawServer } from './blackbox-wire/raw-server.js';
import { recordingSleep, rejectionOf, TRANSPORTS } from './blackbox-wire/transports.js';

// Black-box probes of SPEC 3.6 (retries and redirects) through the public API, on both real transports.
const { serve, client } = useHarness();

describe.each(TRANSPORTS)('%s transport', (_name, make) => {
  test('retries a 504 three times, then throws APIError with the last status and body', async () => {
    const server = await serve((request, index) =>
      request.socket.write(httpResponse('504 Gateway Timeout', {}, `gateway ${index}`)),
    );
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, retryWait: 0.5, sleep });
    const error = await rejectionOf(rest.get('/tables'));
    expect(isAPIError(error)).toBe(true);
    expect((error as APIError).statusCode).toBe(504);
    expect((error as APIError).response?.body).toBe('gateway 3');
    expect(server.requests).toHaveLength(4);
    expect(sleeps).toEqual([500, 1000, 1500]);
  });

  test('sleeps a valid Retry-After (digits with whitespace, IMF-fixdate, past date) and ignores junk', async () => {
    const now = Date.UTC(2026, 11, 3, 12, 0, 0);
    const retryAfter = [
      ' 3 ',
      'Thu, 03 Dec 2026 12:00:07 GMT',
      'Wed, 02 Dec 2026 12:00:00 GMT',
      '1.5',
      '-2',
      'Thursday, 03-Dec-26 12:00:09 GMT',
      'Thu Dec  3 12:00:11 2026',
      '3 s',
      '',
    ];
    const server = await serve((request, index) => {
      const value = retryAfter[index];
      const status = value === undefined ? '200 OK' : '503 Service Unavailable';
      request.socket.write(httpResponse(status, value === undefined ? {} : { 'Retry-After': value }, ''));
    });
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, {
      baseUrl: `${server.origin}/api`,
      retry: 9,
      retryWait: 1,
      sleep,
      clock: () => now,
    });
    await expect(rest.get('/tables')).resolves.toBeNull();
    expect(sleeps).toEqual([3000, 7000, 0, 4000, 5000, 9000, 11000, 8000, 9000]);
  });

  test('a Retry-After above maxRetryAfterMs is not slept: APIError at once exposing the delay', async () => {
    const server = await serve((request) =>
      request.socket.write(
        httpResponse('429 Too Many Requests', { 'Retry-After': '121' }, '{"message":"slow"}'),
      ),
    );
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, sleep });
    const error = (await rejectionOf(rest.get('/tables'))) as APIError;
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterMs).toBe(121_000);
    expect(error.message).toBe('slow');
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('a Retry-After exactly at maxRetryAfterMs is slept (the cap refuses only what is above it)', async () => {
    const server = await serve((request, index) =>
      request.socket.write(
        index === 0 ? httpResponse('503 Busy', { 'Retry-After': '120' }) : httpResponse('200 OK', {}, 'ok'),
      ),
    );
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, sleep });
    await expect(rest.get('/x')).resolves.toBe('ok');
    expect(sleeps).toEqual([120_000]);
  });

  test('POST is replayed on 429 and 503 but not 504, unless retryNonIdempotent opts in per call', async () => {
    const statuses = [
      '429 Too Many Requests',
      '503 Service Unavailable',
      '504 Gateway Timeout',
      '504 X',
      '200 OK',
    ];
    const server = await serve((request, index) =>
      request.socket.write(
        httpResponse(statuses[index] ?? '500 No', { 'content-type': 'application/json' }, '1'),
      ),
    );
    const { sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, retry: 5, sleep });
    const first = (await rejectionOf(rest.post('/tables', { name: 'x' }))) as APIError;
    expect(first.statusCode).toBe(504);
    expect(server.requests.map((request) => request.body)).toEqual(Array(3).fill('{"name":"x"}'));
    await expect(rest.patch('/tables', [], { retryNonIdempotent: true })).resolves.toBe(1);
    expect(server.requests).toHaveLength(5);
  });

  test('per-call retry and custom retryCodes: a 503 outside retryCodes is thrown at once', async () => {
    const server = await serve((request) => request.socket.write(httpResponse('503 Busy', {}, 'busy')));
    const { sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, retryCodes: [500], sleep });
    expect(((await rejectionOf(rest.get('/a'))) as APIError).statusCode).toBe(503);
    expect(server.requests).toHaveLength(1);
    const retrying = client(make, { baseUrl: `${server.origin}/api`, sleep });
    await rejectionOf(retrying.delete('/a', undefined, { retry: 1 }));
    expect(server.requests).toHaveLength(3);
  });

  test('a refused connection backs off min(2000, 250 x 2^(n-1)) with full jitter, then NetworkError', async () => {
    const port = await closedPort();
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, {
      baseUrl: `http://127.0.0.1:${port}/api`,
      retry: 5,
      sleep,
      random: () => 0.999,
    });
    const error = await rejectionOf(rest.get('/tables'));
    expect(isNetworkError(error)).toBe(true);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    expect((error as NetworkError).message).toContain(`127.0.0.1:${port}`);
    const caps = [250, 500, 1000, 2000, 2000];
    expect(sleeps).toHaveLength(5);
    sleeps.forEach((ms, index) => {
      expect(ms).toBeGreaterThan((caps[index] ?? 0) * 0.99);
      expect(ms).toBeLessThanOrEqual(caps[index] ?? 0);
    });
  });

  test('a reset before any response byte retries GET but never POST; a reset mid-body retries nothing', async () => {
    const server = await serve((request) => {
      if (request.path.endsWith('/mid'))
        request.socket.write('HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc');
      request.socket.resetAndDestroy();
    });
    const { sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, retry: 2, sleep });
    expect(((await rejectionOf(rest.get('/early'))) as NetworkError).code).toBe('ECONNRESET');
    expect(server.requests).toHaveLength(3);
    expect(isNetworkError(await rejectionOf(rest.post('/early', {})))).toBe(true);
    expect(server.requests).toHaveLength(4);
    expect(isNetworkError(await rejectionOf(rest.get('/mid')))).toBe(true);
    expect(server.requests).toHaveLength(5);
  });

  test('logs debug once per attempt and warn once per retry, with no secret and no body', async () => {
    const server = await serve((request, index) =>
      request.socket.write(
        index < 2 ? httpResponse('503 Busy', {}, 'body-secret-s3cr3t') : httpResponse('200 OK', {}, 'fine'),
      ),
    );
    const lines: Record<string, string[]> = { debug: [], info: [], warn: [], error: [] };
    const logger = Object.fromEntries(
      Object.keys(lines).map((level) => [
        level,
        (...args: unknown[]) => lines[level]?.push(args.map(String).join(' ')),
      ]),
    );
    const { sleep } = recordingSleep();
    const rest = client(make, {
      baseUrl: `${server.origin}/api`,
      sleep,
      logger,
      accessToken: 'tok-VERY-secret',
      retryWait: 0,
    });
    await expect(
      rest.get('/tables', { apiKey: 'k', password: 'pw-secret-1', q: 'tok-VERY-secret' }),
    ).resolves.toBe('fine');
    expect(lines.debug).toHaveLength(3);
    expect(lines.warn).toHaveLength(2);
    const all = Object.values(lines).flat().join('\n');
    for (const secret of ['tok-VERY-secret', 'pw-secret-1', 'body-secret-s3cr3t'])
      expect(all).not.toContain(secret);
  });

  test('allowRedirects false: a 302 is an APIError carrying the Location, nothing is followed', async () => {
    const server = await serve((request) =>
      request.socket.write(httpResponse('302 Found', { Location: '/api/v1/elsewhere' }, 'moved')),
    );
    const rest = client(make, { baseUrl: `${server.origin}/api` });
    const error = (await rejectionOf(rest.get('/tables'))) as APIError;
    expect(error.statusCode).toBe(302);
    expect(error.location).toBe('/api/v1/elsewhere');
    expect(server.requests).toHaveLength(1);
  });

  test.each([
    ['POST', '303 See Other', 'GET', ''],
    ['PUT', '303 See Other', 'GET', ''],
    ['POST', '301 Moved Permanently', 'GET', ''],
    ['POST', '302 Found', 'GET', ''],
    ['PUT', '301 Moved Permanently', 'PUT', '{"a":1}'],
    ['DELETE', '302 Found', 'DELETE', '{"a":1}'],
    ['POST', '307 Temporary Redirect', 'POST', '{"a":1}'],
    ['PATCH', '308 Permanent Redirect', 'PATCH', '{"a":1}'],
  ])('%s answered %s is followed as %s with body %j', async (method, status, followed, body) => {
    const server = await serve((request) =>
      request.socket.write(
        request.path.endsWith('/from')
          ? httpResponse(status, { Location: 'to?x=1' })
          : httpResponse('200 OK', { 'content-type': 'application/json' }, '"done"'),
      ),
    );
    const rest = client(make, { baseUrl: `${server.origin}/api`, allowRedirects: true });
    const call = method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
    await expect(rest[call]('/from', { a: 1 })).resolves.toBe('done');
    const target = server.requests[1];
    expect([target?.method, target?.path, target?.body]).toEqual([followed, '/api/v1/to?x=1', body]);
    expect(target?.headers['content-type']).toEqual(
      body === '' ? undefined : expect.stringContaining('json'),
    );
  });

  test('a cross-origin hop strips every sensitive header, and they stay stripped back on the first origin', async () => {
    const other = await serve((request) =>
      request.socket.write(httpResponse('302 Found', { Location: `${first.origin}/api/v1/back` })),
    );
    const first: RawServer = await serve((request) =>
      request.socket.write(
        request.path.endsWith('/start')
          ? httpResponse('307 Temporary Redirect', { Location: `${other.origin}/hop` })
          : httpResponse('200 OK', {}, 'ok'),
      ),
    );
    const rest = client(make, {
      baseUrl: `${first.origin}/api`,
      allowRedirects: true,
      accessToken: 'tok-1',
      authHeader: 'X-Om-Auth',
      extraHeaders: { 'X-Copy': 'copy %(X-Om-Auth)s', 'X-Plain': 'kept' },
    });
    const headers = { Authorization: 'Basic abc', Cookie: 'a=b', 'Proxy-Authorization': 'Basic p' };
    await expect(rest.get('/start', undefined, { headers })).resolves.toBe('ok');
    const sensitive = ['x-om-auth', 'x-copy', 'authorization', 'cookie', 'proxy-authorization'];
    expect(Object.keys(first.requests[0]?.headers ?? {})).toEqual(expect.arrayContaining(sensitive));
    for (const seen of [other.requests[0], first.requests[1]]) {
      for (const name of sensitive) expect(seen?.headers[name]).toBeUndefined();
      expect(seen?.headers['x-plain']).toBe('kept');
    }
  });

  test('maxRedirects hops are followed; one more is TooManyRedirectsError, never retried', async () => {
    const server = await serve((request) => {
      const hop = Number(request.path.split('/').pop());
      request.socket.write(httpResponse('308 Permanent Redirect', { Location: `${hop + 1}` }));
    });
    const rest = client(make, { baseUrl: `${server.origin}/api`, allowRedirects: true, maxRedirects: 3 });
    const error = await rejectionOf(rest.get('/0'));
    expect(isTooManyRedirectsError(error)).toBe(true);
    expect(error).toBeInstanceOf(TooManyRedirectsError);
    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/v1/0',
      '/api/v1/1',
      '/api/v1/2',
      '/api/v1/3',
    ]);
  });

  test.each([
    ['no Location', {}],
    ['an empty Location', { Location: '' }],
    ['a non-http Location', { Location: 'ftp://127.0.0.1/x' }],
    ['an unparsable Location', { Location: 'http://[::1' }],
  ])('a followed 3xx with %s is an APIError for the 3xx', async (_case, headers: Record<string, string>) => {
    const server = await serve((request) =>
      request.socket.write(httpResponse('301 Moved Permanently', headers)),
    );
    const rest = client(make, { baseUrl: `${server.origin}/api`, allowRedirects: true });
    const error = (await rejectionOf(rest.get('/x'))) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.statusCode).toBe(301);
    expect(server.requests).toHaveLength(1);
  });

  test("a failed attempt's endless error body is cancelled, not downloaded, before the retry", async () => {
    const written: number[] = [];
    const server = await serve((request, index) => {
      if (index > 0) return request.socket.write(httpResponse('200 OK', {}, 'recovered'));
      request.socket.write('HTTP/1.1 503 Busy\r\nretry-after: 0\r\n\r\n');
      written[index] = 0;
      const block = Buffer.alloc(64 * 1024, 120);
      const pump = (): void => {
        while (!request.socket.destroyed && (written[index] ?? 0) < 200 * 1024 * 1024) {
          written[index] = (written[index] ?? 0) + block.length;
          if (!request.socket.write(block)) return void request.socket.once('drain', pump);
        }
      };
      pump();
    });
    const { sleep } = recordingSleep();
    const rest = client(make, { baseUrl: `${server.origin}/api`, sleep });
    await expect(rest.get('/big-error')).resolves.toBe('recovered');
    expect(written[0]).toBeLessThan(32 * 1024 * 1024);
  });

  test('a 503 whose error body stalls is still an APIError 503 and is retried', async () => {
    const server = await serve((request) => {
      request.socket.write('HTTP/1.1 503 Busy\r\ncontent-length: 100\r\n\r\npartial');
    });
    const { sleeps, sleep } = recordingSleep();
    const rest = client(make, {
      baseUrl: `${server.origin}/api`,
      retry: 1,
      retryWait: 0,
      timeoutMs: 300,
      sleep,
    });
    const error = (await rejectionOf(rest.get('/stall'))) as APIError;
    expect(error).toBeInstanceOf(APIError);
    expect(error.statusCode).toBe(503);
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  test('a hop to another host name for the same address strips name-sensitive and sensitiveHeaders too', async () => {
    const server = await serve((request) =>
      request.socket.write(
        request.headers.host?.startsWith('127.')
          ? httpResponse('308 Permanent Redirect', {
              Location: `http://localhost:${request.socket.localPort}/x`,
            })
          : httpResponse('200 OK', {}, 'ok'),
      ),
    );
    const rest = client(make, {
      baseUrl: `${server.origin}/api`,
      allowRedirects: true,
      sensitiveHeaders: ['X-Tenant'],
      extraHeaders: { 'X-Api-Key': 'k1', 'X-Auth-Token': 't1', 'X-Session-Id': 's1', 'X-Tenant': 'acme' },
    });
    await expect(rest.put('/start', { a: 1 })).resolves.toBe('ok');
    const hop = server.requests[1]?.headers ?? {};
    expect([hop.host, server.requests[1]?.body]).toEqual([`localhost:${server.port}`, '{"a":1}']);
    for (const name of ['x-api-key', 'x-auth-token', 'x-session-id', 'x-tenant'])
      expect(hop[name], name).toBeUndefined();
  });

  test.each([
    [
      'userinfo (dropped, same origin)',
      (origin: string) => origin.replace('//', '//user:pw-in-location@'),
      '/',
    ],
    ['a fragment (never sent)', (origin: string) => `${origin}/api/v1/y#frag`, '/api/v1/y'],
    ['an upper-case scheme (same origin)', (origin: string) => origin.replace('http://', 'HTTP://'), '/'],
  ])('a Location with %s is followed on the same origin', async (_case, location, path) => {
    const server = await serve((request) =>
      request.socket.write(
        request.path.endsWith('/start')
          ? httpResponse('302 Found', { Location: location(server.origin) })
          : httpResponse('200 OK', {}, `at ${request.path}`),
      ),
    );
    const rest = client(make, {
      baseUrl: `${server.origin}/api`,
      allowRedirects: true,
      accessToken: 'tok-2',
    });
    await expect(rest.get('/start')).resolves.toBe(`at ${path}`);
    expect(server.requests[1]?.headers.authorization).toBe('Bearer tok-2');
  });

  test('afterResponse throwing RetryException replays even a POST 200, then throws the last APIError', async () => {
    const server = await serve((request, index) =>
      request.socket.write(httpResponse('200 OK', {}, `v${index}`)),
    );
    const { sleeps, sleep } = recordingSleep();
    const contexts: Array<[number, number]> = [];
    const rest = client(make, {
      baseUrl: `${server.origin}/api`,
      retry: 2,
      sleep,
      hooks: {
        afterResponse: (response) => {
          throw new RetryException({ retryAfterMs: 40, response: { status: response.status } });
        },
        beforeRetry: ({ attempt, delayMs }) => void contexts.push([attempt, delayMs]),
      },
    });
    const error = await rejectionOf(rest.post('/jobs', { run: true }));
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([40, 40]);
    expect(contexts).toEqual([
      [1, 40],
      [2, 40],
    ]);
    expect(isRetryException(error)).toBe(false);
    expect([isAPIError(error), (error as APIError).statusCode, (error as APIError).response?.body]).toEqual([
      true,
      200,
      'v2',
    ]);
  });

  test('maxRedirects: 0 with allowRedirects follows nothing: the first 3xx is TooManyRedirectsError', async () => {
    const server = await serve((request) =>
      request.socket.write(httpResponse('302 Found', { Location: '/a' })),
    );
    const rest = client(make, { baseUrl: `${server.origin}/api`, allowRedirects: true, maxRedirects: 0 });
    expect(isTooManyRedirectsError(await rejectionOf(rest.get('/x')))).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  test('exponential backoff doubles retryWait per attempt up to maxDelayMs; full jitter scales it by random', async () => {
    const server = await serve((request) => request.socket.write(httpResponse('504 Late', {})));
    const { sleeps, sleep } = recordingSleep();
    const backoff = { type: 'exponential', maxDelayMs: 3000, jitter: 'none' } as const;
    const rest = client(make, { baseUrl: `${server.origin}/api`, retryWait: 1, backoff, sleep });
    await rejectionOf(rest.get('/x'));
    expect(sleeps).toEqual([1000, 2000, 3000]);
    const jittered = client(make, {
      baseUrl: `${server.origin}/api`,
      retryWait: 1,
      backoff: { type: 'exponential' },
      sleep,
      random: () => 0.25,
    });
    await rejectionOf(jittered.get('/x', undefined, { retry: 2 }));
    expect(sleeps.slice(3)).toEqual([250, 500]);
  });
});

test('a retryWait of weeks never arms a timer above 2^31-1 ms, and close() releases the sleeping call', async () => {
  const server = await serve((request) => request.socket.write(httpResponse('503 Busy', {})));
  const delays: number[] = [];
  const realSetTimeout = globalThis.setTimeout;
  const spy = ((handler: () => void, ms?: number, ...rest: unknown[]) => {
    delays.push(ms ?? 0);
    return realSetTimeout(handler, ms, ...rest);
  }) as typeof setTimeout;
  globalThis.setTimeout = spy;
  try {
    const rest = new REST({ baseUrl: `${server.origin}/api`, retryWait: 9_007_199_254_740, logger: {} });
    const call = rejectionOf(rest.get('/x'));
    while (server.requests.length < 1) await new Promise((resolve) => realSetTimeout(resolve, 5));
    await new Promise((resolve) => realSetTimeout(resolve, 50));
    await rest.close();
    expect(await call).toMatchObject({ name: 'ClientClosedError' });
    expect(delays).toContain(2 ** 31 - 1);
  } finally {
    globalThis.setTimeout = realSetTimeout;
  }
  expect(Math.max(...delays)).toBeLessThanOrEqual(2 ** 31 - 1);
  expect(server.requests).toHaveLength(1);
});

test('the default transport honours http_proxy; a dead proxy is retried and its credentials appear nowhere', async () => {
  const target = await serve((request) => request.socket.write(httpResponse('200 OK', {}, 'direct')));
  const port = await closedPort();
  const saved = { ...process.env };
  const lines: string[] = [];
  const record = (...args: unknown[]) => void lines.push(args.map((arg) => inspect(arg)).join(' '));
  try {
    for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'no_proxy', 'https_proxy'])
      delete process.env[key];
    process.env.http_proxy = `http://proxy-user:pr0xy-pa55@127.0.0.1:${port}`;
    const { sleeps, sleep } = recordingSleep();
    const rest = new REST({
      baseUrl: `${target.origin}/api`,
      sleep,
      logger: { debug: record, warn: record },
    });
    const error = await rejectionOf(rest.get('/x'));
    await rest.close();
    expect(error).toMatchObject({ name: 'NetworkError', code: 'ECONNREFUSED' });
    expect([sleeps.length, target.requests.length]).toEqual([3, 0]);
    const visible = [inspect(error, { depth: 8 }), JSON.stringify(error), (error as Error).stack, ...lines];
    expect(visible.join('\n')).not.toContain('pr0xy-pa55');
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
});
