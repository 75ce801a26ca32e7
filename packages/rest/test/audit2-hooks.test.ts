/*
 * Round-2 audit, hooks as hostile or careless caller code (SPEC 3.1 hooks, 3.8 headers, 5): a beforeRequest
 * hook may edit headers only, under the same rules as per-call headers; whatever it adds that is secret by name
 * is masked everywhere; afterResponse sees each attempt's final response; errors a hook throws reach the caller
 * as they are. Real loopback servers, both transports.
 */
import { inspect } from 'node:util';
import { isAPIError, isConfigError, RetryException } from '@meta/errors';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createCapturingLogger, createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

let home: LoopbackServer;
let evil: LoopbackServer;

beforeAll(async () => {
  [home, evil] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
});

afterAll(() => Promise.all([home.close(), evil.close()]));

beforeEach(() => {
  home.requests.length = 0;
  evil.requests.length = 0;
  home.route = (request, response) => sendJson(response, 200, { method: request.method, path: request.path });
});

test.each(TRANSPORT_KINDS)(
  'a beforeRequest hook that rewrites url, method or body changes nothing on the wire but its headers (%s)',
  async (kind) => {
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      hooks: {
        beforeRequest(request) {
          // What a JavaScript caller (no readonly types) might try: none of it may move the request.
          Object.assign(request, { url: `${evil.origin}/steal`, method: 'DELETE', body: 'dropped' });
          request.headers['X-Hook'] = 'kept';
        },
      },
    });
    expect(await client.put('/tables/1', { name: 'orders' })).toEqual({
      method: 'PUT',
      path: '/api/v1/tables/1',
    });
    expect(evil.requests).toHaveLength(0);
    expect(home.requests[0]!.body).toBe('{"name":"orders"}');
    expect(home.requests[0]!.headers['x-hook']).toBe('kept');
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a beforeRequest hook setting Host, Content-Length, Transfer-Encoding or an object value is a ConfigError naming the header; nothing is sent (%s)',
  async (kind) => {
    for (const [name, value] of [
      ['Host', 'evil.example'],
      ['Content-Length', '0'],
      ['Transfer-Encoding', 'chunked'],
      ['X-Object', {}],
    ] as const) {
      const client = createClient(kind, {
        baseUrl: `${home.origin}/api`,
        hooks: {
          beforeRequest(request) {
            (request.headers as Record<string, unknown>)[name] = value;
          },
        },
      });
      const error = await rejectionOf(client.post('/tables', { name: 'orders' }));
      expect(isConfigError(error) && error.field).toBe(`headers.${name}`);
      await client.close();
    }
    expect(home.requests).toHaveLength(0);
  },
);

test.each(TRANSPORT_KINDS)(
  'headers a hook adds that are secret by name or listed in sensitiveHeaders are masked in the APIError, toJSON, inspect and logs (%s)',
  async (kind) => {
    home.route = (request, response) => sendJson(response, 500, { message: 'failed', echo: request.headers });
    const { lines, logger } = createCapturingLogger();
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      retry: 1,
      retryCodes: [500],
      retryWait: 0,
      logger,
      sensitiveHeaders: ['X-Tenant-Signature'],
      hooks: {
        beforeRequest(request) {
          request.headers['X-Api-Key'] = 'hook-api-key-1234';
          request.headers['X-Tenant-Signature'] = 'hook-signature-5678';
        },
      },
    });
    const error = await rejectionOf(client.get('/tables'));
    expect(isAPIError(error)).toBe(true);
    const everything = [
      JSON.stringify(error),
      inspect(error, { depth: 9 }),
      String((error as Error).stack),
      ...lines,
    ].join('\n');
    expect(everything).toContain('X-Api-Key');
    expect(everything).not.toContain('hook-api-key-1234');
    expect(everything).not.toContain('hook-signature-5678');
    // They did go on the wire: masking is for what the client shows, never for what it sends.
    expect(home.requests[0]!.headers['x-api-key']).toBe('hook-api-key-1234');
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'afterResponse sees the final response of every attempt and of the replay after a 401, never a redirect hop (%s)',
  async (kind) => {
    let served = 0;
    home.route = (request, response) => {
      if (request.path === '/api/v1/old') return response.writeHead(301, { location: '/api/v1/new' }).end();
      served++;
      if (served === 1) return sendJson(response, 401, { message: 'expired' });
      if (served === 2) return sendJson(response, 503, { message: 'busy' }, { 'retry-after': '0' });
      sendJson(response, 200, { ok: true });
    };
    const seen: Array<[number, string, number]> = [];
    let tokens = 0;
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      allowRedirects: true,
      logger: {},
      authToken: () => [`token-${++tokens}`, 3600],
      hooks: {
        afterResponse(response, request, context) {
          seen.push([response.status, new URL(request.url).pathname, context.attempt]);
        },
      },
    });
    expect(await client.get('/old')).toEqual({ ok: true });
    expect(seen).toEqual([
      [401, '/api/v1/new', 1],
      [503, '/api/v1/new', 1],
      [200, '/api/v1/new', 2],
    ]);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'an AggregateError thrown by beforeRetry fails the call with that very error after one attempt (%s)',
  async (kind) => {
    home.route = (_request, response) => sendJson(response, 503, { message: 'busy' });
    const thrown = new AggregateError([new Error('first'), new Error('second')], 'hook gave up');
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      retryWait: 0,
      logger: {},
      hooks: {
        beforeRetry: async () => {
          throw thrown;
        },
      },
    });
    expect(await rejectionOf(client.get('/tables'))).toBe(thrown);
    expect(home.requests).toHaveLength(1);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a hook returning a rejected promise fails the call with its reason, unless the reason is a RetryException (%s)',
  async (kind) => {
    const reason = new Error('audit hook refused');
    let rejections = 0;
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      retryWait: 0,
      logger: {},
      hooks: {
        afterResponse: (_response, request) =>
          request.url.endsWith('/refused')
            ? Promise.reject(reason)
            : ++rejections === 1
              ? Promise.reject(new RetryException({ attempt: 1 }))
              : Promise.resolve(),
      },
    });
    expect(await rejectionOf(client.post('/refused', {}))).toBe(reason);
    expect(await client.post('/retried', {})).toEqual({ method: 'POST', path: '/api/v1/retried' });
    expect(home.requests.map((request) => request.path)).toEqual([
      '/api/v1/refused',
      '/api/v1/retried',
      '/api/v1/retried',
    ]);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  "a beforeRequest hook writing a header in another case replaces the client's header, never sends both (%s)",
  async (kind) => {
    home.route = (request, response) =>
      sendJson(response, 200, {
        authorization: request.headers.authorization,
        accept: request.headers.accept,
      });
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      accessToken: 'preset-token-1234',
      hooks: {
        beforeRequest(request) {
          request.headers.authorization = 'Bearer from-the-hook';
          request.headers.ACCEPT = 'text/plain';
        },
      },
    });
    // undici would send two Authorization headers (the server reads the first), fetch one joined value.
    expect(await client.get('/tables')).toEqual({
      authorization: 'Bearer from-the-hook',
      accept: 'text/plain',
    });
    expect(home.requests[0]!.headers.authorization).toBe('Bearer from-the-hook');
    await client.close();
  },
);
