import { isAPIError } from '@meta/errors';
import type { TestingStep } from '@meta/transport/testing';
import { afterEach, expect, test, vi } from 'vitest';
import { type AuthTokenResult, REST } from '../src/index.js';
import { createFakeTime } from './helpers/fake-time.js';
import { headerOf, jsonStep as json, routedTransport } from './helpers/testing-steps.js';

function setup(answer: (index: number) => TestingStep, config: Record<string, unknown> = {}) {
  const time = createFakeTime();
  const transport = routedTransport((_request, index) => answer(index));
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    clock: time.clock,
    sleep: time.sleep,
    ...config,
  });
  return { time, transport, rest };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

test('errors are thrown, never returned as values', async () => {
  const { rest } = setup(() => json(500, { code: 500, message: 'boom' }), { retry: 0 });
  await expect(rest.get('/x')).rejects.toSatisfy(isAPIError);
});

test('classification is by status, not by finding "code" in the body', async () => {
  const { rest } = setup(() => json(200, { code: 'E1', message: 'a field named code' }));
  await expect(rest.get('/x')).resolves.toEqual({ code: 'E1', message: 'a field named code' });
});

test('JSON bodies instead of form encoding', async () => {
  const { transport, rest } = setup(() => json(200, {}));
  await rest.post('/x', { name: 'a b', tags: ['t'] });
  expect(transport.sent[0]!.body).toBe('{"name":"a b","tags":["t"]}');
  expect(headerOf(transport.sent[0], 'content-type')).toBe('application/json');
});

test('default timeout: every attempt carries a 300000 ms deadline', async () => {
  const { transport, rest } = setup(() => json(200, {}));
  await rest.get('/x');
  expect(transport.sent[0]!.timeoutMs).toBe(300_000);
});

test('Retry-After honoured and capped', async () => {
  const honoured = setup((index) => (index === 0 ? json(429, {}, { 'retry-after': '3' }) : json(200, 'ok')));
  await honoured.rest.get('/x');
  expect(honoured.time.sleeps).toEqual([3000]);
  const capped = setup(() => json(429, {}, { 'retry-after': '121' }));
  await expect(capped.rest.get('/x')).rejects.toMatchObject({ retryAfterMs: 121_000 });
  expect(capped.time.sleeps).toEqual([]);
});

test('POST/PATCH not replayed on 504', async () => {
  const { transport, rest } = setup(() => json(504, {}));
  await expect(rest.post('/x', {})).rejects.toMatchObject({ statusCode: 504 });
  await expect(rest.patch('/x', [])).rejects.toMatchObject({ statusCode: 504 });
  expect(transport.sent).toHaveLength(2);
});

test('token refreshed per attempt, single-flight, epoch clock', async () => {
  let count = 0;
  // An expiry 60 s away is inside the 120 s margin, so every attempt asks for a new token.
  const perAttempt = vi.fn((): AuthTokenResult => [`epoch-token-${++count}`, 60]);
  const retried = setup((index) => (index === 0 ? json(504, {}) : json(200, {})), { authToken: perAttempt });
  await retried.rest.get('/a');
  expect(perAttempt).toHaveBeenCalledTimes(2);
  expect(headerOf(retried.transport.sent[1], 'authorization')).toBe('Bearer epoch-token-2');
  const shared = vi.fn(
    async (): Promise<AuthTokenResult> => ['shared-token-1', new Date(Date.UTC(2030, 0, 1))],
  );
  const concurrent = setup(() => json(200, {}), { authToken: shared });
  await Promise.all([concurrent.rest.get('/a'), concurrent.rest.get('/b'), concurrent.rest.get('/c')]);
  expect(shared).toHaveBeenCalledTimes(1);
});

test('no auth header for "no_token"', async () => {
  const { transport, rest } = setup(() => json(200, {}), { authToken: () => ['no_token', null] });
  await rest.get('/x');
  expect(headerOf(transport.sent[0], 'authorization')).toBeUndefined();
});

test('usable default authHeader', async () => {
  const { transport, rest } = setup(() => json(200, {}), { accessToken: 'preset-abcd' });
  await rest.get('/x');
  expect(headerOf(transport.sent[0], 'authorization')).toBe('Bearer preset-abcd');
});

test('3xx with redirects off is an error', async () => {
  const { rest } = setup(() => ({ status: 301, headers: { location: '/elsewhere' }, body: 'moved' }));
  await expect(rest.get('/x')).rejects.toMatchObject({
    name: 'APIError',
    statusCode: 301,
    location: '/elsewhere',
  });
});

test('secrets masked everywhere', async () => {
  const warn = vi.fn();
  const { rest } = setup(() => json(401, { message: 'bad token preset-secret-1' }), {
    accessToken: 'preset-secret-1',
    logger: { warn, debug: warn },
  });
  const error = await rest.get('/x').catch((caught: unknown) => caught);
  expect(JSON.stringify([error, String(error), warn.mock.calls])).not.toContain('preset-secret-1');
});

test('no APCA_API_VERSION variable', async () => {
  vi.stubEnv('APCA_API_VERSION', 'v9');
  const { transport, rest } = setup(() => json(200, {}));
  await rest.get('/x');
  expect(transport.sent[0]!.url).toBe('https://metadata.test/api/v1/x');
});
