import { isAuthProviderError } from '@meta/errors';
import type { TestingStep } from '@meta/transport/testing';
import { expect, test, vi } from 'vitest';
import { type AuthTokenResult, REST } from '../src/index.js';
import { createFakeTime } from './helpers/fake-time.js';
import { headerOf, jsonStep as json, routedTransport } from './helpers/testing-steps.js';

function setup(
  authToken: (() => AuthTokenResult | Promise<AuthTokenResult>) | undefined,
  config: Record<string, unknown> = {},
  answer: (index: number) => TestingStep = () => json(200, {}),
) {
  const time = createFakeTime();
  const transport = routedTransport((_request, index) => answer(index));
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    clock: time.clock,
    sleep: time.sleep,
    ...(authToken ? { authToken } : {}),
    ...config,
  });
  return { time, transport, rest };
}

test('the provider is called before the first attempt and its token is sent as Bearer', async () => {
  const provider = vi.fn((): AuthTokenResult => ['token-one-1234', 3600]);
  const { transport, rest } = setup(provider);
  await rest.get('/a');
  await rest.get('/b');
  expect(provider).toHaveBeenCalledTimes(1);
  expect(headerOf(transport.sent[1], 'authorization')).toBe('Bearer token-one-1234');
});

test('the token is refreshed before every attempt once within its refresh margin of expiry', async () => {
  let count = 0;
  // 50 s tokens: the margin is min(120 s, half the lifetime) = 25 s, so each token is usable for 25 s and the
  // 30 s backoff makes the second attempt refresh first.
  const provider = vi.fn((): AuthTokenResult => [`token-${++count}-abcd`, 50]);
  const { time, transport, rest } = setup(provider, {}, (index) =>
    index === 0 ? json(504, {}) : json(200, {}),
  );
  await rest.get('/a');
  expect(provider).toHaveBeenCalledTimes(2);
  expect(headerOf(transport.sent[0], 'authorization')).toBe('Bearer token-1-abcd');
  expect(headerOf(transport.sent[1], 'authorization')).toBe('Bearer token-2-abcd');
  time.now += 24_999;
  await rest.get('/b');
  expect(provider).toHaveBeenCalledTimes(2);
  time.now += 1;
  await rest.get('/c');
  expect(provider).toHaveBeenCalledTimes(3);
});

test('concurrent calls share one in-flight refresh', async () => {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const provider = vi.fn(async (): Promise<AuthTokenResult> => {
    await gate;
    return ['shared-token-1', new Date(Date.UTC(2030, 0, 1))];
  });
  const { transport, rest } = setup(provider);
  const calls = Promise.all([rest.get('/a'), rest.get('/b'), rest.get('/c')]);
  release();
  await calls;
  expect(provider).toHaveBeenCalledTimes(1);
  expect(transport.sent.map((request) => headerOf(request, 'authorization'))).toEqual(
    Array(3).fill('Bearer shared-token-1'),
  );
});

test('a provider failure rejects with AuthProviderError carrying the cause; nothing is sent; the next call retries', async () => {
  const cause = new Error('idp down');
  const provider = vi
    .fn<() => AuthTokenResult>()
    .mockImplementationOnce(() => {
      throw cause;
    })
    .mockReturnValue(['token-two-1234', 60_000]);
  const { transport, rest } = setup(provider);
  const error = await rest.get('/a').catch((caught: unknown) => caught);
  expect(isAuthProviderError(error) && error.cause).toBe(cause);
  expect(transport.sent).toHaveLength(0);
  await rest.get('/a');
  expect(transport.sent).toHaveLength(1);
});

test.each([
  ['a bare string', 'token'],
  ['a missing expiry for a real token', ['token-abcd', null]],
  ['a negative expiry', ['token-abcd', -1]],
  ['an invalid Date', ['token-abcd', new Date('nope')]],
  ['a token with CRLF', ['a\r\nb', 10]],
])('a provider returning %s is an AuthProviderError', async (_label, result) => {
  const { transport, rest } = setup(() => result as never);
  await expect(rest.get('/a')).rejects.toSatisfy(isAuthProviderError);
  expect(transport.sent).toHaveLength(0);
});

test('"no_token" and an empty token send no auth header', async () => {
  for (const token of ['no_token', '']) {
    const { transport, rest } = setup(() => [token, null]);
    await rest.get('/a');
    expect(headerOf(transport.sent[0], 'authorization')).toBeUndefined();
  }
});

test('a 401 forces one refresh and one replay, then the APIError', async () => {
  let count = 0;
  const provider = vi.fn((): AuthTokenResult => [`token-${++count}-abcd`, 3600]);
  const { transport, rest } = setup(provider, { retry: 0 }, () =>
    json(401, { code: 401, message: 'expired' }),
  );
  await expect(rest.get('/a')).rejects.toMatchObject({ statusCode: 401, message: 'expired' });
  expect(provider).toHaveBeenCalledTimes(2);
  expect(transport.sent).toHaveLength(2);
  expect(headerOf(transport.sent[1], 'authorization')).toBe('Bearer token-2-abcd');
});

test('a preset accessToken is used until expiresIn, then the provider takes over', async () => {
  const time = createFakeTime();
  const provider = vi.fn((): AuthTokenResult => ['from-provider-1', 3600]);
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    clock: time.clock,
    accessToken: 'preset-token-1',
    expiresIn: time.now / 1000 + 600,
    authToken: provider,
  });
  await rest.get('/a');
  expect(headerOf(transport.sent[0], 'authorization')).toBe('Bearer preset-token-1');
  time.now += 500_000;
  await rest.get('/b');
  expect(headerOf(transport.sent[1], 'authorization')).toBe('Bearer from-provider-1');
});

test('authHeader and authTokenMode shape the header', async () => {
  const { transport, rest } = setup(() => ['key-abcdef', 10_000], {
    authHeader: 'X-Api-Key',
    authTokenMode: 'Token',
  });
  await rest.get('/a');
  expect(headerOf(transport.sent[0], 'x-api-key')).toBe('Token key-abcdef');
  expect(headerOf(transport.sent[0], 'authorization')).toBeUndefined();
});

test('templated copies of the auth header are recomputed after every refresh', async () => {
  let count = 0;
  const { transport, rest } = setup(() => [`rot-${++count}-abcd`, 0], {
    extraHeaders: { 'X-Copy': '%(Authorization)s' },
  });
  await rest.get('/a');
  await rest.get('/b');
  expect(headerOf(transport.sent[0], 'x-copy')).toBe('Bearer rot-1-abcd');
  expect(headerOf(transport.sent[1], 'x-copy')).toBe('Bearer rot-2-abcd');
});
