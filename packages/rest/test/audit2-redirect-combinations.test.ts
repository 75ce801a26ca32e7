/*
 * Round-2 audit, redirects combined with the rest of the pipeline (SPEC 3.3, 3.4, 3.6, 3.8), on both real
 * transports: a 401 or a 503 in the middle of a chain, templated credentials across a change of origin, bytes
 * replayed on 307, and `maxRedirects` next to retries. Redirects are followed inside one attempt, so a retry or
 * the replay after a 401 always starts again at the first URL, and attempts count per call, never per hop.
 */
import { isAPIError, isTooManyRedirectsError } from '@meta/errors';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

let home: LoopbackServer;
let other: LoopbackServer;
/** The other server under another host name: another origin for the client, the same socket for the test. */
let otherOrigin: string;

beforeAll(async () => {
  [home, other] = await Promise.all([startLoopbackServer(), startLoopbackServer()]);
  otherOrigin = other.origin.replace('127.0.0.1', 'localhost');
});

afterAll(() => Promise.all([home.close(), other.close()]));

beforeEach(() => {
  home.requests.length = 0;
  other.requests.length = 0;
});

/** A provider handing out `token-1`, `token-2`, ... and counting its calls. */
function countingProvider() {
  const state = { calls: 0 };
  const authToken = (): [string, number] => [`token-${++state.calls}`, 3600];
  return { state, authToken };
}

test.each(TRANSPORT_KINDS)(
  'a 401 after a cross-origin hop: one forced refresh, the replay restarts at the first URL, the other origin never sees the token or its templated copy (%s)',
  async (kind) => {
    home.route = (_request, response) =>
      response.writeHead(302, { location: `${otherOrigin}/elsewhere` }).end();
    other.route = (_request, response) => sendJson(response, 401, { message: 'who are you?' });
    const { state, authToken } = countingProvider();
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      allowRedirects: true,
      authToken,
      extraHeaders: { 'X-Copy': 'copy %(Authorization)s' },
    });
    const error = await rejectionOf(client.get('/tables'));
    expect(isAPIError(error) && error.statusCode).toBe(401);
    expect(state.calls).toBe(2);
    expect(home.requests.map((request) => [request.path, request.headers['x-copy']])).toEqual([
      ['/api/v1/tables', 'copy Bearer token-1'],
      ['/api/v1/tables', 'copy Bearer token-2'],
    ]);
    expect(other.requests).toHaveLength(2);
    for (const request of other.requests) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['x-copy']).toBeUndefined();
    }
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a 401 mid-chain on one origin: the replay restarts at the first URL with the new token, the templated copy recomputed, and a 307 replays a subarray body byte for byte (%s)',
  async (kind) => {
    let answered401 = false;
    home.route = (request, response) => {
      if (request.path === '/api/v1/upload')
        return response.writeHead(307, { location: '/api/v1/store' }).end();
      if (!answered401) {
        answered401 = true;
        return sendJson(response, 401, { message: 'expired' });
      }
      sendJson(response, 201, { stored: request.body });
    };
    const { state, authToken } = countingProvider();
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      allowRedirects: true,
      authToken,
      extraHeaders: { 'X-Copy': 'copy %(Authorization)s' },
    });
    const backing = new TextEncoder().encode('<<{"rows":[1,2,3]}>>');
    const body = backing.subarray(2, backing.length - 2);
    expect(body.byteOffset).toBe(2);
    expect(await client.post('/upload', body)).toEqual({ stored: '{"rows":[1,2,3]}' });
    expect(state.calls).toBe(2);
    expect(
      home.requests.map((request) => [
        request.method,
        request.path,
        request.headers.authorization,
        request.headers['x-copy'],
        request.headers['content-type'],
        request.body,
      ]),
    ).toEqual([
      [
        'POST',
        '/api/v1/upload',
        'Bearer token-1',
        'copy Bearer token-1',
        'application/octet-stream',
        '{"rows":[1,2,3]}',
      ],
      [
        'POST',
        '/api/v1/store',
        'Bearer token-1',
        'copy Bearer token-1',
        'application/octet-stream',
        '{"rows":[1,2,3]}',
      ],
      [
        'POST',
        '/api/v1/upload',
        'Bearer token-2',
        'copy Bearer token-2',
        'application/octet-stream',
        '{"rows":[1,2,3]}',
      ],
      [
        'POST',
        '/api/v1/store',
        'Bearer token-2',
        'copy Bearer token-2',
        'application/octet-stream',
        '{"rows":[1,2,3]}',
      ],
    ]);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a 503 with Retry-After after a redirect: the retry restarts at the first URL after that delay, and attempts count per call, not per hop (%s)',
  async (kind) => {
    home.route = (_request, response) => response.writeHead(302, { location: `${otherOrigin}/busy` }).end();
    other.route = (_request, response) =>
      sendJson(response, 503, { message: 'busy' }, { 'retry-after': '7' });
    const sleeps: number[] = [];
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      allowRedirects: true,
      retry: 2,
      accessToken: 'preset-token',
      logger: {},
      sleep: async (milliseconds) => void sleeps.push(milliseconds),
    });
    const error = await rejectionOf(client.get('/tables'));
    expect(isAPIError(error) && [error.statusCode, error.request?.url]).toEqual([503, `${otherOrigin}/busy`]);
    expect(sleeps).toEqual([7000, 7000]);
    expect(home.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ['/api/v1/tables', 'Bearer preset-token'],
      ['/api/v1/tables', 'Bearer preset-token'],
      ['/api/v1/tables', 'Bearer preset-token'],
    ]);
    expect(other.requests.map((request) => request.headers.authorization)).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a per-call retry: 0 stops a redirected 503 after one attempt, whatever the client retry (%s)',
  async (kind) => {
    home.route = (request, response) => {
      if (request.path === '/api/v1/tables')
        return response.writeHead(308, { location: '/api/v1/moved' }).end();
      sendJson(response, 503, { message: 'busy' }, { 'retry-after': '0' });
    };
    const client = createClient(kind, { baseUrl: `${home.origin}/api`, allowRedirects: true, retry: 5 });
    const error = await rejectionOf(client.get('/tables', undefined, { retry: 0 }));
    expect(isAPIError(error) && error.statusCode).toBe(503);
    expect(home.requests.map((request) => request.path)).toEqual(['/api/v1/tables', '/api/v1/moved']);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'more than maxRedirects is a TooManyRedirectsError that retries never repeat (%s)',
  async (kind) => {
    home.route = (request, response) =>
      response.writeHead(302, { location: `${request.path.split('?')[0]}x` }).end();
    const client = createClient(kind, {
      baseUrl: `${home.origin}/api`,
      allowRedirects: true,
      maxRedirects: 2,
      retry: 3,
      retryWait: 0,
    });
    const error = await rejectionOf(client.get('/loop'));
    expect(isTooManyRedirectsError(error) && error.chain).toHaveLength(3);
    expect(home.requests).toHaveLength(3);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a 303 after a POST is a GET without body, Content-Type or the caller Content-Type (%s)',
  async (kind) => {
    home.route = (request, response) => {
      if (request.method === 'POST') return response.writeHead(303, { location: '/api/v1/result' }).end();
      sendJson(response, 200, { method: request.method });
    };
    const client = createClient(kind, { baseUrl: `${home.origin}/api`, allowRedirects: true });
    const result = await client.post(
      '/jobs',
      { run: true },
      { headers: { 'Content-Type': 'application/vnd.job+json' } },
    );
    expect(result).toEqual({ method: 'GET' });
    const [post, get] = home.requests;
    expect([post!.headers['content-type'], post!.body]).toEqual(['application/vnd.job+json', '{"run":true}']);
    expect([get!.headers['content-type'], get!.headers['content-length'] ?? '0', get!.body]).toEqual([
      undefined,
      '0',
      '',
    ]);
    await client.close();
  },
);
