/*
 * Round-3 parity with the newest upstream Python client (`metadata.ingestion.ometa.client`, 2025: `retries` and
 * `timeout` per call, `headers` on every method, `json=` bodies, `cookies`, `get_raw`, `limit_codes`,
 * `HtmlResponseError`). Each test names the upstream behaviour and proves what @meta/rest does for it, on both
 * real transports against one loopback server; the differences are the ones the rest README documents.
 */
import { isAPIError, isResponseParseError } from '@meta/errors';
import { expect, test } from 'vitest';
import type { ClientConfig } from '../src/index.js';
import { createClient, rejectionOf, TRANSPORT_KINDS, type TransportKind } from './hardening/clients.js';
import { createFakeTime } from './helpers/fake-time.js';
import { sendJson, useLoopbackServer } from './helpers/loopback-server.js';

const server = useLoopbackServer((_request, response) => sendJson(response, 200, { ok: true }));

function clientOn(kind: TransportKind, config: Partial<ClientConfig> = {}) {
  // A logger without methods: the retry warnings are asserted elsewhere, not printed here.
  return createClient(kind, { baseUrl: `${server.origin}/api`, retry: 0, logger: {}, ...config });
}

test.each(TRANSPORT_KINDS)(
  'a per-call If-Match on PATCH keeps the JSON Patch content type (%s)',
  async (kind) => {
    // Upstream `patch(path, data, headers={"If-Match": etag})` merges the headers over the JSON Patch label.
    const client = clientOn(kind);
    await client.patch('/tables/1', [{ op: 'add', path: '/description', value: 'd' }], {
      headers: { 'If-Match': '"v7"' },
    });
    const [request] = server.requests;
    expect(request!.headers['content-type']).toBe('application/json-patch+json');
    expect(request!.headers['if-match']).toBe('"v7"');
    expect(request!.body).toBe('[{"op":"add","path":"/description","value":"d"}]');
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'cookies go out through extraHeaders and are masked in the APIError (%s)',
  async (kind) => {
    // Upstream `ClientConfig.cookies` sends a cookie on every request; here it is a `Cookie` extra header.
    server.route = (_request, response) => sendJson(response, 403, { code: 403, message: 'forbidden' });
    const client = clientOn(kind, { extraHeaders: { Cookie: 'JSESSIONID=cookie-secret-1234' } });
    const error = await rejectionOf(client.get('/tables'));
    expect(server.requests[0]!.headers.cookie).toBe('JSESSIONID=cookie-secret-1234');
    if (!isAPIError(error)) throw error;
    expect(error.statusCode).toBe(403);
    expect(JSON.stringify(error)).not.toContain('cookie-secret-1234');
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'DELETE with an object sends it as a JSON body, like upstream json= (%s)',
  async (kind) => {
    // Upstream `delete(path, json={...})` (e.g. deleteStale) sends a JSON body; `data=` would form-encode it.
    const client = clientOn(kind);
    await client.delete('/tables/stale', { ids: ['a', 'b'] }, { query: { hardDelete: true } });
    const [request] = server.requests;
    expect(request!.method).toBe('DELETE');
    expect(request!.path).toBe('/api/v1/tables/stale?hardDelete=true');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toBe('{"ids":["a","b"]}');
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'per-call retry: 0 sends a 503 once, as upstream retries=0 does (%s)',
  async (kind) => {
    server.route = (_request, response) => sendJson(response, 503, { code: 503, message: 'restarting' });
    const time = createFakeTime();
    const client = clientOn(kind, { retry: 3, sleep: time.sleep, clock: time.clock });
    const error = await rejectionOf(client.post('/tables', { name: 'x' }, { retry: 0 }));
    if (!isAPIError(error)) throw error;
    expect([error.statusCode, error.code, error.message]).toEqual([503, 503, 'restarting']);
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  '503 and 504 sleep retryWait × attempt seconds, as upstream does (%s)',
  async (kind) => {
    // Upstream: `retry_wait * (total_retries - retry + 1)`, i.e. 30 s, 60 s, 90 s with the defaults.
    let count = 0;
    server.route = (_request, response) => {
      count++;
      if (count === 4) sendJson(response, 200, { id: 'ok' });
      else sendJson(response, count % 2 === 0 ? 504 : 503, { code: 503, message: 'busy' });
    };
    const time = createFakeTime();
    const client = clientOn(kind, { retry: 3, sleep: time.sleep, clock: time.clock });
    await expect(client.get('/tables/1')).resolves.toEqual({ id: 'ok' });
    expect(time.sleeps).toEqual([30_000, 60_000, 90_000]);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a 429 is retried and the path stays usable (upstream limit_codes is not ported) (%s)',
  async (kind) => {
    // The newest upstream raises LimitsException on 429 and refuses the path for ttl_cache seconds, without I/O.
    let count = 0;
    server.route = (_request, response) => {
      count++;
      if (count === 1) sendJson(response, 429, { code: 429, message: 'slow down' }, { 'retry-after': '2' });
      else sendJson(response, 200, { page: count });
    };
    const time = createFakeTime();
    const client = clientOn(kind, { retry: 1, sleep: time.sleep, clock: time.clock });
    await expect(client.get('/search/query')).resolves.toEqual({ page: 2 });
    await expect(client.get('/search/query')).resolves.toEqual({ page: 3 });
    expect(time.sleeps).toEqual([2000]);
    expect(server.requests).toHaveLength(3);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'rawData on a non-2xx still throws the APIError (upstream get_raw returned it) (%s)',
  async (kind) => {
    server.route = (_request, response) =>
      sendJson(response, 409, { code: 409, message: 'Entity already exists' }, { etag: '"v3"' });
    const client = clientOn(kind);
    const error = await rejectionOf(client.get('/tables/1', undefined, { rawData: true }));
    if (!isAPIError(error)) throw error;
    expect(error.statusCode).toBe(409);
    expect(error.response?.headers.etag).toBe('"v3"');
    expect(error.response?.body).toEqual({ code: 409, message: 'Entity already exists' });
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a CSV export is returned as its text (upstream returned the Response) (%s)',
  async (kind) => {
    server.route = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('name,description\norders,"All orders"\n');
    };
    const client = clientOn(kind);
    await expect(client.get('/tables/name/db.schema.orders/export')).resolves.toBe(
      'name,description\norders,"All orders"\n',
    );
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'an HTML login page is refused whatever its label, as upstream raise_on_html (%s)',
  async (kind) => {
    server.route = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('\n\n<!DOCTYPE html><html><body>Sign in</body></html>');
    };
    const client = clientOn(kind);
    const error = await rejectionOf(client.get('/tables'));
    if (!isResponseParseError(error)) throw error;
    expect(error.code).toBe('ERR_HTML_RESPONSE');
    await expect(client.get('/tables', undefined, { rawData: true })).resolves.toMatchObject({ status: 200 });
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)('authTokenMode "" sends the bare token, as upstream does (%s)', async (kind) => {
  const client = clientOn(kind, {
    accessToken: 'bare-token-value',
    expiresIn: 4_000_000_000,
    authTokenMode: '',
    authHeader: 'X-OM-Token',
  });
  await client.get('/tables');
  expect(server.requests[0]!.headers['x-om-token']).toBe('bare-token-value');
  expect(server.requests[0]!.headers.authorization).toBeUndefined();
  await client.close();
});

test.each(TRANSPORT_KINDS)(
  '429 left out of retryCodes fails at once with its Retry-After (the LimitsException recipe) (%s)',
  async (kind) => {
    server.route = (_request, response) =>
      sendJson(response, 429, { code: 429, message: 'limit reached' }, { 'retry-after': '30' });
    const time = createFakeTime();
    const client = clientOn(kind, { retry: 3, retryCodes: [503, 504], sleep: time.sleep, clock: time.clock });
    const error = await rejectionOf(client.get('/search/query'));
    if (!isAPIError(error)) throw error;
    expect([error.statusCode, error.message, error.retryAfterMs]).toEqual([429, 'limit reached', 30_000]);
    expect(server.requests).toHaveLength(1);
    expect(time.sleeps).toEqual([]);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'an unversioned API (upstream api_version="") is reached with apiVersion: "api" (%s)',
  async (kind) => {
    // Upstream connectors (Redash) call `https://host/api/dashboards` with api_version="" and auth_token_mode="Key".
    const client = clientOn(kind, {
      baseUrl: server.origin,
      apiVersion: 'api',
      accessToken: 'redash-api-key-1',
      authTokenMode: 'Key',
    });
    await client.get('/dashboards', { page: 1, page_size: 25 });
    expect(server.requests[0]!.path).toBe('/api/dashboards?page=1&page_size=25');
    expect(server.requests[0]!.headers.authorization).toBe('Key redash-api-key-1');
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'retryWait × attempt is slept in full past maxRetryAfterMs: 60 s, 120 s, 180 s (%s)',
  async (kind) => {
    // SPEC 3.6 and Python: the computed backoff is `retry_wait × attempt`; maxRetryAfterMs bounds what a server
    // or hook asks for (Retry-After), not the wait the caller configured.
    server.route = (_request, response) => sendJson(response, 503, { code: 503, message: 'busy' });
    const time = createFakeTime();
    const client = clientOn(kind, { retry: 3, retryWait: 60, sleep: time.sleep, clock: time.clock });
    const error = await rejectionOf(client.get('/tables/1'));
    if (!isAPIError(error)) throw error;
    expect(error.statusCode).toBe(503);
    expect(time.sleeps).toEqual([60_000, 120_000, 180_000]);
    expect(server.requests).toHaveLength(4);
    await client.close();
  },
);
