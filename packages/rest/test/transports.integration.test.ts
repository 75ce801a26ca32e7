import { isAPIError, isNetworkError, isTimeoutError } from '@meta/errors';
import { createFetchTransport, type Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

let home: LoopbackServer;
let other: LoopbackServer;
const transports: Transport[] = [];

beforeAll(async () => {
  home = await startLoopbackServer();
  other = await startLoopbackServer();
});

afterAll(async () => {
  await Promise.all(transports.map((transport) => transport.close()));
  await Promise.all([home.close(), other.close()]);
});

beforeEach(() => {
  home.requests.length = 0;
  other.requests.length = 0;
});

const factories: Array<[string, () => Transport]> = [
  ['undici', () => createUndiciTransport()],
  ['fetch', () => createFetchTransport()],
];

function client(factory: () => Transport, config: Record<string, unknown> = {}) {
  const transport = factory();
  transports.push(transport);
  return new REST({
    baseUrl: `${home.origin}/api`,
    transport,
    accessToken: 'wire-token-1',
    sleep: async () => {},
    ...config,
  });
}

test.each(factories)('%s: GET sends the path, query and headers, and parses JSON', async (_name, factory) => {
  home.route = (_request, response) => sendJson(response, 200, { data: [{ name: 'orders' }] });
  const rest = client(factory, { extraHeaders: { 'X-Team': 'data' } });
  await expect(rest.get('/tables', { limit: 2, fields: ['owner', 'tags'] })).resolves.toEqual({
    data: [{ name: 'orders' }],
  });
  expect(home.requests).toHaveLength(1);
  const [request] = home.requests;
  expect(request).toMatchObject({
    method: 'GET',
    path: '/api/v1/tables?limit=2&fields=owner&fields=tags',
    body: '',
  });
  expect(request!.headers.authorization).toBe('Bearer wire-token-1');
  expect(request!.headers['x-team']).toBe('data');
});

test.each(factories)('%s: POST sends a JSON body with its content type', async (_name, factory) => {
  home.route = (request, response) => sendJson(response, 201, { echoed: JSON.parse(request.body) });
  const rest = client(factory);
  await expect(rest.post('/tables', { name: 'orders' })).resolves.toEqual({ echoed: { name: 'orders' } });
  expect(home.requests[0]!.headers['content-type']).toBe('application/json');
  expect(home.requests[0]!.body).toBe('{"name":"orders"}');
});

test.each(factories)('%s: a 504 is retried and the second answer returned', async (_name, factory) => {
  let count = 0;
  home.route = (_request, response) =>
    ++count === 1 ? sendJson(response, 504, { message: 'busy' }) : sendJson(response, 200, 'ok');
  const rest = client(factory);
  await expect(rest.get('/tables')).resolves.toBe('ok');
  expect(home.requests).toHaveLength(2);
});

test.each(factories)('%s: a 404 {code, message} is an APIError without the token', async (_name, factory) => {
  home.route = (_request, response) =>
    sendJson(response, 404, { code: 404, message: 'Entity with id [x] not found.' });
  const rest = client(factory);
  const error = await rest.get('/tables/x').catch((caught: unknown) => caught);
  expect(isAPIError(error) && error.statusCode).toBe(404);
  expect((error as Error).message).toBe('Entity with id [x] not found.');
  expect(JSON.stringify(error)).not.toContain('wire-token-1');
});

test.each(factories)(
  '%s: a cross-origin redirect strips the auth header on the wire',
  async (_name, factory) => {
    home.route = (_request, response) => {
      response.writeHead(307, { location: `${other.origin}/landing` });
      response.end();
    };
    other.route = (_request, response) => sendJson(response, 200, { landed: true });
    const rest = client(factory, { allowRedirects: true });
    await expect(rest.get('/tables')).resolves.toEqual({ landed: true });
    expect(home.requests[0]!.headers.authorization).toBe('Bearer wire-token-1');
    expect(other.requests[0]!.headers.authorization).toBeUndefined();
  },
);

test.each(factories)(
  '%s: a refused connection is a NetworkError, retried for GET',
  async (_name, factory) => {
    const closed = await startLoopbackServer();
    await closed.close();
    const rest = client(factory, { baseUrl: closed.origin, retry: 2 });
    const error = await rest.get('/tables').catch((caught: unknown) => caught);
    expect(isNetworkError(error) && error.code).toBe('ECONNREFUSED');
  },
);

test.each(factories)('%s: a server that never answers is a TimeoutError', async (_name, factory) => {
  home.route = () => {};
  const rest = client(factory, { retry: 0, timeoutMs: 300 });
  const error = await rest.get('/slow').catch((caught: unknown) => caught);
  expect(isTimeoutError(error)).toBe(true);
});
