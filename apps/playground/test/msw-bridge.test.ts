import { HttpResponse, http } from 'msw';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createMswBridge, type MswBridge } from '../src/bridge/create-msw-bridge.js';

const ORIGIN = 'http://bridge.mock';
let reportArrival: () => void;
let reportAbort: () => void;
const handlerArrived = new Promise<void>((resolve) => {
  reportArrival = resolve;
});
const handlerSawSignalAbort = new Promise<void>((resolve) => {
  reportAbort = resolve;
});

const handlers = [
  http.get(`${ORIGIN}/echo`, ({ request: incoming }) =>
    HttpResponse.json({
      url: incoming.url,
      customHeader: incoming.headers.get('x-custom'),
      host: incoming.headers.get('host'),
    }),
  ),
  http.post(`${ORIGIN}/echo`, async ({ request: incoming }) =>
    HttpResponse.json(
      { received: await incoming.json(), contentType: incoming.headers.get('content-type') },
      { status: 201 },
    ),
  ),
  http.get(
    `${ORIGIN}/cookies`,
    () =>
      new HttpResponse('two cookies', {
        headers: [
          ['set-cookie', 'a=1'],
          ['set-cookie', 'b=2'],
        ],
      }),
  ),
  http.get(
    `${ORIGIN}/hang`,
    ({ request: incoming }) =>
      new Promise<Response>((resolve) => {
        reportArrival();
        incoming.signal.addEventListener('abort', () => {
          reportAbort();
          resolve(new HttpResponse(null, { status: 204 }));
        });
      }),
  ),
  http.get(`${ORIGIN}/explode`, () => {
    throw new Error('handler bug');
  }),
];

let bridge: MswBridge;
const agent = new Agent({ connections: 4 });

beforeAll(async () => {
  bridge = await createMswBridge(handlers, { origin: ORIGIN });
});

afterAll(async () => {
  await agent.close();
  await bridge.close();
});

test('listens on a loopback port and rewrites the origin so absolute-URL handlers match', async () => {
  expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const response = await request(`${bridge.url}/echo?page=2`, {
    dispatcher: agent,
    headers: { 'x-custom': 'yes' },
  });
  expect(response.statusCode).toBe(200);
  expect(await response.body.json()).toEqual({
    url: `${ORIGIN}/echo?page=2`,
    customHeader: 'yes',
    host: null,
  });
});

test('streams the request body through to the handler and the status back', async () => {
  const response = await request(`${bridge.url}/echo`, {
    dispatcher: agent,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'orders' }),
  });
  expect(response.statusCode).toBe(201);
  expect(await response.body.json()).toEqual({
    received: { name: 'orders' },
    contentType: 'application/json',
  });
});

test('keeps repeated Set-Cookie headers apart', async () => {
  const response = await request(`${bridge.url}/cookies`, { dispatcher: agent });
  expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  expect(await response.body.text()).toBe('two cookies');
});

test('answers 501 when no handler matches and 500 when a handler throws', async () => {
  const unmatched = await request(`${bridge.url}/nowhere`, { dispatcher: agent });
  expect(unmatched.statusCode).toBe(501);
  expect(await unmatched.body.text()).toContain('No mock handler for GET http://bridge.mock/nowhere');
  const broken = await request(`${bridge.url}/explode`, { dispatcher: agent });
  expect(broken.statusCode).toBe(500);
  expect(await broken.body.text()).toContain('handler bug');
});

test('aborts the handler request when the client goes away, so a waiting handler can stop', async () => {
  const controller = new AbortController();
  const pending = request(`${bridge.url}/hang`, { dispatcher: agent, signal: controller.signal });
  await handlerArrived;
  controller.abort();
  await expect(pending).rejects.toThrow();
  await handlerSawSignalAbort;
});

test('close ends kept-alive connections and can be called twice', async () => {
  const extra = await createMswBridge(handlers, { origin: ORIGIN });
  const keepAlive = new Agent({ keepAliveTimeout: 600_000 });
  const response = await request(`${extra.url}/echo`, { dispatcher: keepAlive });
  await response.body.text();
  await Promise.all([extra.close(), extra.close()]);
  await expect(request(`${extra.url}/echo`, { dispatcher: keepAlive })).rejects.toMatchObject({
    code: 'ECONNREFUSED',
  });
  await keepAlive.close();
});
