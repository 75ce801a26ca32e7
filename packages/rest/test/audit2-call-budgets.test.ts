/*
 * Round-2 audit, budgets and per-call overrides (SPEC 3.1 per call, 3.6, 3.8 totalTimeoutMs): one total budget
 * across the token wait, redirects, retries and backoff; a call's own `timeoutMs`, `retry` and
 * `retryNonIdempotent` winning over the client's in both directions. Testing transport and a fake clock: every
 * deadline handed to the transport is asserted exactly, and nothing really waits.
 */
import { isAPIError } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { createFakeTime } from './helpers/fake-time.js';
import { jsonStep, routedTransport } from './helpers/testing-steps.js';

const baseUrl = 'https://metadata.test/api';

test('totalTimeoutMs is one budget across a slow provider, redirects, a retry and its backoff', async () => {
  const time = createFakeTime(0);
  // Each exchange takes 500 ms of fake time; the chain is 302 -> 503 (Retry-After 2), then 302 -> 503
  // (Retry-After 6), which no longer fits in what is left of the 10 s budget.
  const transport = routedTransport((request, index) => {
    time.now += 500;
    if (request.url.endsWith('/tables')) return { status: 302, headers: { location: '/api/v1/moved' } };
    return jsonStep(503, { message: 'busy' }, { 'retry-after': index === 1 ? '2' : '6' });
  });
  let providerCalls = 0;
  const client = new REST({
    baseUrl,
    transport,
    allowRedirects: true,
    totalTimeoutMs: 10_000,
    clock: time.clock,
    sleep: time.sleep,
    logger: {},
    authToken: async () => {
      providerCalls++;
      time.now += 1000;
      return ['token', 3600];
    },
  });
  const error = await client.get('/tables').catch((thrown: unknown) => thrown);
  expect(isAPIError(error) && error.statusCode).toBe(503);
  expect(providerCalls).toBe(1);
  expect(time.sleeps).toEqual([2000]);
  // What was left of the budget when each exchange started: 10 s minus the provider, the hops and the backoff.
  expect(transport.sent.map((request) => request.timeoutMs)).toEqual([9000, 8500, 6000, 5500]);
});

test("a call's timeoutMs above or below the client's is the attempt deadline handed to the transport", async () => {
  const transport = routedTransport(() => jsonStep(200, {}));
  const client = new REST({ baseUrl, transport, timeoutMs: 5000 });
  await client.get('/a');
  await client.get('/b', undefined, { timeoutMs: 60_000 });
  await client.get('/c', undefined, { timeoutMs: 50 });
  expect(transport.sent.map((request) => request.timeoutMs)).toEqual([5000, 60_000, 50]);
});

test('a per-call retryNonIdempotent: false wins over a client true: a POST 504 is sent once', async () => {
  const transport = routedTransport(() => jsonStep(504, { message: 'gateway timeout' }));
  const time = createFakeTime();
  const client = new REST({
    baseUrl,
    transport,
    retryNonIdempotent: true,
    clock: time.clock,
    sleep: time.sleep,
    logger: {},
  });
  const error = await client
    .post('/tables', { name: 'orders' }, { retryNonIdempotent: false })
    .catch((thrown: unknown) => thrown);
  expect(isAPIError(error) && error.statusCode).toBe(504);
  expect(transport.sent).toHaveLength(1);
  await client.post('/tables', { name: 'orders' }).catch(() => undefined);
  expect(transport.sent).toHaveLength(5);
});

test('a per-call retry above the client retry is honoured: retry 5 on a client with retry 0', async () => {
  const transport = routedTransport((_request, index) =>
    index < 5 ? jsonStep(503, { message: 'busy' }) : jsonStep(200, { ok: true }),
  );
  const time = createFakeTime();
  const client = new REST({ baseUrl, transport, retry: 0, clock: time.clock, sleep: time.sleep, logger: {} });
  expect(await client.get('/tables', undefined, { retry: 5 })).toEqual({ ok: true });
  expect(time.sleeps).toEqual([30_000, 60_000, 90_000, 120_000, 150_000]);
});
