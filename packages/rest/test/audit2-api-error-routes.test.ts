/*
 * Round-2 audit, the APIError of every route through the pipeline (SPEC 1, 3.5, 3.6, 5): a plain failure, a 3xx
 * with redirects off, a 3xx without a Location while following, a hook's RetryException with attempts run
 * out, a Retry-After over the cap, a 401 after its replay, and an oversized text body. Each one carries the
 * method, the redacted URL and headers, the body parsed (JSON) or bounded (text), and shows no secret in its
 * message, `toJSON()` or `util.inspect`. Real loopback server, both transports.
 */
import { inspect } from 'node:util';
import { type APIError, isAPIError, RetryException } from '@meta/errors';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ClientConfig } from '../src/index.js';
import { createClient, rejectionOf, TRANSPORT_KINDS, type TransportKind } from './hardening/clients.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

const TOKEN = 'routes-token-5f1e9a7c';
const API_KEY = 'routes-api-key-88c2d4';
const QUERY_SECRET = 'routes-query-secret-31b0';
const SECRETS = [TOKEN, API_KEY, QUERY_SECRET];
let server: LoopbackServer;

beforeAll(async () => {
  server = await startLoopbackServer();
  // Every answer echoes what the server was sent, so a leak anywhere in the error would show.
  server.route = (request, response) => {
    const echo = `${request.method} ${request.path} ${JSON.stringify(request.headers)}`;
    const route = request.path.split('?')[0]!.replace('/api/v1', '');
    if (route === '/failure') return sendJson(response, 500, { message: `failed: ${echo}`, code: 'E500' });
    if (route === '/moved')
      return response.writeHead(302, { location: `/elsewhere?token=${TOKEN}` }).end(echo);
    if (route === '/nowhere') return response.writeHead(307).end(echo);
    if (route === '/vetoed') return sendJson(response, 200, { echo });
    if (route === '/throttled') return sendJson(response, 429, { echo }, { 'retry-after': '86400' });
    if (route === '/unauthorized') return sendJson(response, 401, { message: `denied ${echo}` });
    response.writeHead(404, { 'content-type': 'text/plain' }).end(`${echo} ${'x'.repeat(200_000)}`);
  };
});

afterAll(() => server.close());

function clientFor(kind: TransportKind, config: Partial<ClientConfig> = {}) {
  return createClient(kind, {
    baseUrl: `${server.origin}/api`,
    authToken: () => [TOKEN, 3600],
    extraHeaders: { 'X-Api-Key': API_KEY },
    retryWait: 0,
    logger: {},
    ...config,
  });
}

const ROUTES: ReadonlyArray<
  readonly [name: string, path: string, config: Partial<ClientConfig>, status: number, body: 'json' | 'text']
> = [
  ['a 500 after retries', '/failure', { retryCodes: [500], retry: 1 }, 500, 'json'],
  ['a 3xx with redirects off', '/moved', {}, 302, 'text'],
  ['a 307 without Location while following', '/nowhere', { allowRedirects: true }, 307, 'text'],
  [
    'a 200 vetoed by afterResponse until attempts run out',
    '/vetoed',
    { retry: 1, hooks: { afterResponse: () => Promise.reject(new RetryException({ attempt: 1 })) } },
    200,
    'json',
  ],
  ['a Retry-After over maxRetryAfterMs', '/throttled', {}, 429, 'json'],
  ['a 401 after its one replay', '/unauthorized', {}, 401, 'json'],
  ['a 404 with a 200 kB text body', '/missing', {}, 404, 'text'],
];

for (const kind of TRANSPORT_KINDS) {
  test.each(ROUTES)(
    `%s: method, redacted URL and headers, bounded body, no secret shown (${kind})`,
    async (_name, path, config, status, body) => {
      const client = clientFor(kind, config);
      const error = (await rejectionOf(
        client.get(path, { limit: 1 }, { query: { access_token: QUERY_SECRET } }),
      )) as APIError;
      await client.close();
      expect(isAPIError(error)).toBe(true);
      expect(error.statusCode).toBe(status);
      const request = error.request!;
      expect(request.method).toBe('GET');
      expect(request.url).toContain('access_token=****');
      const headers = Object.fromEntries(
        Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
      );
      expect(headers['x-api-key']).toBe('****');
      expect(headers.authorization).toBe('Bearer ****');
      if (body === 'json') expect(typeof error.response!.body).toBe('object');
      else {
        expect(typeof error.response!.body).toBe('string');
        expect((error.response!.body as string).length).toBeLessThanOrEqual(64 * 1024 + 200);
      }
      const shown = [
        error.message,
        String(error.stack),
        JSON.stringify(error),
        inspect(error, { depth: 9 }),
      ].join('\n');
      for (const secret of SECRETS) expect(shown).not.toContain(secret);
    },
  );
}
