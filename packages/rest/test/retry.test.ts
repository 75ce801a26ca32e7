import { isAPIError, RetryException } from '@meta/errors';
import type { TestingStep } from '@meta/transport/testing';
import { expect, test, vi } from 'vitest';
import { REST } from '../src/index.js';
import { createFakeTime } from './helpers/fake-time.js';
import { jsonStep as json, observe, scriptedTransport } from './helpers/testing-steps.js';

function setup(steps: TestingStep[], config: Record<string, unknown> = {}) {
  const time = createFakeTime();
  const transport = scriptedTransport(steps);
  const warn = vi.fn();
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    clock: time.clock,
    sleep: time.sleep,
    logger: { warn },
    ...config,
  });
  return { time, transport, rest, warn };
}

test('retries a 504 three times with linear backoff, then throws APIError with the last body', async () => {
  const { time, transport, rest, warn } = setup([
    json(504, { code: 504, message: 'gateway timeout 1' }),
    json(504, { code: 504, message: 'last' }),
  ]);
  const error = await rest.get('/tables').catch((caught: unknown) => caught);
  expect(isAPIError(error) && error.statusCode).toBe(504);
  expect((error as Error).message).toBe('last');
  expect(transport.requests).toHaveLength(4);
  expect(time.sleeps).toEqual([30_000, 60_000, 90_000]);
  expect(warn).toHaveBeenCalledTimes(3);
});

test('retryWait is seconds and fractions are allowed', async () => {
  const { time } = await (async () => {
    const context = setup([json(429, {}), json(200, { ok: 1 })], { retryWait: 0.5 });
    await expect(context.rest.get('/tables')).resolves.toEqual({ ok: 1 });
    return context;
  })();
  expect(time.sleeps).toEqual([500]);
});

test('a valid Retry-After replaces the backoff', async () => {
  const { time, rest } = setup([json(429, {}, { 'retry-after': '7' }), json(200, 'done')]);
  await expect(rest.get('/tables')).resolves.toBe('done');
  expect(time.sleeps).toEqual([7000]);
});

test('a garbage Retry-After is ignored and the normal backoff applies', async () => {
  const { time, rest } = setup([json(429, {}, { 'retry-after': '1.5' }), json(200, 'done')]);
  await rest.get('/tables');
  expect(time.sleeps).toEqual([30_000]);
});

test('a Retry-After above maxRetryAfterMs fails at once with retryAfterMs on the APIError', async () => {
  const { time, transport, rest } = setup([json(429, { message: 'slow down' }, { 'retry-after': '3600' })]);
  const error = await rest.get('/tables').catch((caught: unknown) => caught);
  expect(isAPIError(error) && error.retryAfterMs).toBe(3_600_000);
  expect(transport.requests).toHaveLength(1);
  expect(time.sleeps).toEqual([]);
});

test('POST is not replayed on 504 but is on 429 and 503 when they are retry codes', async () => {
  const first = setup([json(504, {})]);
  await expect(first.rest.post('/tables', { a: 1 })).rejects.toMatchObject({ statusCode: 504 });
  expect(first.transport.requests).toHaveLength(1);
  const second = setup([json(503, {}), json(429, {}), json(201, { id: 1 })], { retryCodes: [429, 503, 504] });
  await expect(second.rest.patch('/tables/1', [])).resolves.toEqual({ id: 1 });
  expect(second.transport.requests).toHaveLength(3);
});

test('retryNonIdempotent lets POST replay on 504, from config or per call', async () => {
  const fromCall = setup([json(504, {}), json(200, 'ok')]);
  await expect(fromCall.rest.post('/x', {}, { retryNonIdempotent: true })).resolves.toBe('ok');
  const fromConfig = setup([json(504, {}), json(200, 'ok')], { retryNonIdempotent: true });
  await expect(fromConfig.rest.post('/x', {})).resolves.toBe('ok');
});

test('a statuses outside retryCodes is not retried', async () => {
  const { transport, rest } = setup([json(500, { message: 'broken' })]);
  await expect(rest.get('/tables')).rejects.toMatchObject({ statusCode: 500, message: 'broken' });
  expect(transport.requests).toHaveLength(1);
});

test('connection failures before a response are retried for GET, never for POST or TLS failures', async () => {
  const refused = (): TestingStep => ({ fail: 'network', code: 'ECONNREFUSED' });
  const get = setup([refused(), refused(), json(200, 'ok')]);
  await expect(get.rest.get('/tables')).resolves.toBe('ok');
  expect(get.transport.requests).toHaveLength(3);
  const post = setup([refused()]);
  await expect(post.rest.post('/tables', {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  expect(post.transport.requests).toHaveLength(1);
  const tls = setup([{ fail: 'network', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }]);
  await expect(tls.rest.get('/tables')).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  expect(tls.transport.requests).toHaveLength(1);
  const midBody = setup([{ fail: 'network', code: 'ECONNRESET', beforeResponse: false }]);
  await expect(midBody.rest.get('/tables')).rejects.toMatchObject({ code: 'ECONNRESET' });
  expect(midBody.transport.requests).toHaveLength(1);
});

test('timeouts are retried for idempotent methods', async () => {
  const { transport, rest } = setup([{ fail: 'timeout', phase: 'headers' }, json(200, 'ok')]);
  await expect(rest.put('/x', {})).resolves.toBe('ok');
  expect(transport.requests).toHaveLength(2);
});

test('a failed attempt body is read or cancelled before the next attempt', async () => {
  const transport = observe(scriptedTransport([json(504, { message: 'x' }), json(200, 'ok')]));
  const time = createFakeTime();
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, sleep: time.sleep, logger: {} });
  await rest.get('/tables');
  expect(transport.responses).toHaveLength(2);
  expect(transport.responses.every((response) => response.bodyUsed)).toBe(true);
});

test('exponential backoff with full jitter uses the injected randomness', async () => {
  const { time, rest } = setup([json(504, {}), json(504, {}), json(504, {}), json(200, 'ok')], {
    retryWait: 1,
    backoff: { type: 'exponential', maxDelayMs: 3000 },
    random: () => 0.5,
  });
  await rest.get('/tables');
  expect(time.sleeps).toEqual([500, 1000, 1500]);
});

test('an afterResponse hook may throw RetryException to ask for a retry', async () => {
  let calls = 0;
  const beforeRetry = vi.fn();
  const { time, transport, rest } = setup([json(200, { status: 'pending' }), json(200, { status: 'done' })], {
    hooks: {
      afterResponse: () => {
        calls++;
        if (calls === 1) throw new RetryException({ retryAfterMs: 250 });
      },
      beforeRetry,
    },
  });
  await expect(rest.get('/jobs/1')).resolves.toEqual({ status: 'done' });
  expect(transport.requests).toHaveLength(2);
  expect(time.sleeps).toEqual([250]);
  expect(beforeRetry).toHaveBeenCalledWith(expect.objectContaining({ attempt: 1, delayMs: 250 }));
});

test('a delay that would pass totalTimeoutMs is not slept: the last error is thrown', async () => {
  const { time, transport, rest } = setup([json(504, { message: 'gateway' })], { totalTimeoutMs: 45_000 });
  await expect(rest.get('/tables')).rejects.toMatchObject({ statusCode: 504, message: 'gateway' });
  expect(time.sleeps).toEqual([30_000]);
  expect(transport.requests).toHaveLength(2);
});

test('retry: 0 makes exactly one attempt', async () => {
  const { transport, rest } = setup([json(504, {})], { retry: 0 });
  await expect(rest.get('/tables')).rejects.toMatchObject({ statusCode: 504 });
  expect(transport.requests).toHaveLength(1);
});

test('503 is a default retry code: a GET is retried on it without any configuration', async () => {
  const { transport, rest } = setup([json(503, {}), json(200, 'ok')]);
  await expect(rest.get('/tables')).resolves.toBe('ok');
  expect(transport.requests).toHaveLength(2);
});

test('a per-call retry overrides the client retry count for that call only', async () => {
  const { transport, rest } = setup([json(504, {})], { retry: 5 });
  await expect(rest.get('/tables', undefined, { retry: 1 })).rejects.toMatchObject({ statusCode: 504 });
  expect(transport.requests).toHaveLength(2);
  transport.reset();
  transport.enqueue(json(504, {}), json(504, {}), json(200, 'ok'));
  await expect(rest.get('/tables')).resolves.toBe('ok');
});

test('a connection failure is retried after the network backoff, not retryWait', async () => {
  const { time, rest } = setup(
    [{ fail: 'network', code: 'ECONNREFUSED' }, { fail: 'network', code: 'ECONNRESET' }, json(200, 'ok')],
    { random: () => 0.5 },
  );
  await expect(rest.get('/tables')).resolves.toBe('ok');
  expect(time.sleeps).toEqual([125, 250]);
});

test('a proxy refusing the tunnel and a forbidden port are never retried', async () => {
  for (const code of ['ERR_PROXY_TUNNEL', 'ERR_FORBIDDEN_PORT']) {
    const { transport, rest } = setup([{ fail: 'network', code }]);
    await expect(rest.get('/tables')).rejects.toMatchObject({ code });
    expect(transport.requests).toHaveLength(1);
  }
});

test('a beforeRetry hook sees the failed attempt, the delay and the request', async () => {
  const beforeRetry = vi.fn();
  const { rest } = setup([json(429, {}, { 'retry-after': '2' }), json(200, 'ok')], {
    hooks: { beforeRetry },
  });
  await rest.get('/tables');
  expect(beforeRetry).toHaveBeenCalledTimes(1);
  const context = beforeRetry.mock.calls[0]![0];
  expect(context).toMatchObject({ attempt: 1, maxAttempts: 4, delayMs: 2000 });
  expect(isAPIError(context.error) && context.error.statusCode).toBe(429);
  expect(context.request.url).toBe('https://metadata.test/api/v1/tables');
});
