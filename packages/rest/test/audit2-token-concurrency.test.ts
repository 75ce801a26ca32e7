/*
 * Round-2 audit, the token provider under concurrency (SPEC 3.3, 3.8): fifty calls at once while the token is
 * expired, the provider failing once, one waiter aborted, `close()` and `totalTimeoutMs` while the provider is
 * pending, and a storm of 401s. One refresh in flight is shared by every caller; each caller keeps its own
 * signal, deadline and outcome. Real loopback server, both transports.
 */
import { isAPIError, isAuthProviderError, isClientClosedError, isTimeoutError } from '@meta/errors';
import { expect, test } from 'vitest';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { sendJson, useLoopbackServer } from './helpers/loopback-server.js';

const CALLS = 50;
const server = useLoopbackServer((request, response) =>
  request.headers.authorization === 'Bearer revoked'
    ? sendJson(response, 401, { message: 'revoked' })
    : sendJson(response, 200, { auth: request.headers.authorization }),
);

/** A provider whose calls wait until the test releases them; `results` says how each one ends. */
function gatedProvider(results: Array<() => [string, number]>) {
  const state = { calls: 0, release: (): void => {} };
  const authToken = async (): Promise<[string, number]> => {
    const result = results[state.calls++]!;
    await new Promise<void>((resolve) => {
      state.release = resolve;
    });
    return result();
  };
  return { state, authToken };
}

/** Let every call reach the provider wait. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

test.each(TRANSPORT_KINDS)(
  '50 calls while the provider fails once: one provider call, all 50 reject with AuthProviderError, the next call refreshes (%s)',
  async (kind) => {
    const { state, authToken } = gatedProvider([
      () => {
        throw new Error('identity provider down');
      },
      () => ['fresh', 3600],
    ]);
    const client = createClient(kind, { baseUrl: `${server.origin}/api`, authToken });
    const calls = Array.from({ length: CALLS }, () => rejectionOf(client.get('/tables')));
    await settle();
    state.release();
    const errors = await Promise.all(calls);
    expect(
      errors.every(
        (error) => isAuthProviderError(error) && (error.cause as Error).message === 'identity provider down',
      ),
    ).toBe(true);
    expect(state.calls).toBe(1);
    expect(server.requests).toHaveLength(0);
    const next = client.get('/tables');
    await settle();
    state.release();
    expect(await next).toEqual({ auth: 'Bearer fresh' });
    expect(state.calls).toBe(2);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'one of 50 callers waiting on one refresh aborts: only it rejects, with its reason; the other 49 succeed (%s)',
  async (kind) => {
    const { state, authToken } = gatedProvider([() => ['fresh', 3600]]);
    const client = createClient(kind, { baseUrl: `${server.origin}/api`, authToken });
    const controller = new AbortController();
    const aborted = rejectionOf(client.get('/tables', undefined, { signal: controller.signal }));
    const others = Array.from({ length: CALLS - 1 }, () => client.get('/tables'));
    await settle();
    const reason = new Error('user left the page');
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    state.release();
    expect(await Promise.all(others)).toEqual(
      Array.from({ length: CALLS - 1 }, () => ({ auth: 'Bearer fresh' })),
    );
    expect(state.calls).toBe(1);
    expect(server.requests).toHaveLength(CALLS - 1);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'close() while the provider is pending releases every waiting call with ClientClosedError; nothing is sent (%s)',
  async (kind) => {
    const { state, authToken } = gatedProvider([() => ['late', 3600]]);
    const client = createClient(kind, { baseUrl: `${server.origin}/api`, authToken });
    const calls = Array.from({ length: CALLS }, () => rejectionOf(client.get('/tables')));
    await settle();
    const closed = client.close();
    const errors = await Promise.all(calls);
    expect(errors.every((error) => isClientClosedError(error))).toBe(true);
    await closed;
    state.release();
    await settle();
    expect(server.requests).toHaveLength(0);
  },
);

test.each(TRANSPORT_KINDS)(
  'totalTimeoutMs shorter than a provider that never answers: TimeoutError in phase "total", nothing sent (%s)',
  async (kind) => {
    const client = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      totalTimeoutMs: 50,
      authToken: () => new Promise<never>(() => {}),
    });
    const errors = await Promise.all(Array.from({ length: 5 }, () => rejectionOf(client.get('/tables'))));
    for (const error of errors) expect(isTimeoutError(error) && error.phase).toBe('total');
    expect(server.requests).toHaveLength(0);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a storm of 50 concurrent 401s for one revoked token costs one forced refresh; every call replays once and succeeds (%s)',
  async (kind) => {
    let calls = 0;
    const client = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      authToken: async () => {
        calls++;
        await settle();
        return [calls === 1 ? 'revoked' : 'renewed', 3600];
      },
    });
    const results = await Promise.all(Array.from({ length: CALLS }, () => client.get('/tables')));
    expect(results.every((result) => (result as { auth: string }).auth === 'Bearer renewed')).toBe(true);
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(2 * CALLS);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a provider that keeps returning the revoked token: each call replays once, at most one forced refresh per call, then APIError 401 (%s)',
  async (kind) => {
    let calls = 0;
    const client = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      authToken: () => {
        calls++;
        return ['revoked', 3600];
      },
    });
    const errors = await Promise.all(Array.from({ length: 10 }, () => rejectionOf(client.get('/tables'))));
    expect(errors.every((error) => isAPIError(error) && error.statusCode === 401)).toBe(true);
    // One planned refresh shared by all, then at most one forced refresh per call: the provider handed back the
    // same token, so a 401 arriving after that refresh settled asks again (SPEC 3.3: one per call).
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(11);
    expect(server.requests).toHaveLength(20);
    await client.close();
  },
);
