import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { REST } from '../src/index.js';
import { refusedPort } from './hardening/fault-server.js';
import { type LoopbackServer, startLoopbackServer } from './helpers/loopback-server.js';

/*
 * Fake clocks driving a REST client whose transport is real (the default undici transport, a loopback server).
 * The client's default `clock` and `random` used to be captured at construction (`Date.now`, `Math.random`), so
 * a client built before `vi.useFakeTimers()` ignored the fake time (a token never expired in a test that
 * advanced the clock past its lifetime), one built under fake timers kept reading the frozen fake clock after
 * `vi.useRealTimers()` (its token never refreshed again), and a `Math.random` spy never reached the backoff.
 */

// Real I/O needs real turns of the event loop while the fake clock is advanced.
const realSetTimeout = globalThis.setTimeout;
const realTurn = () => new Promise((resolve) => realSetTimeout(resolve, 5));

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** A server that echoes the Authorization header as JSON. */
function echoAuthorization(): void {
  server.route = (request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ auth: request.headers.authorization }));
  };
}

test('a client built before vi.useFakeTimers() refreshes its token once the fake clock passes the expiry', async () => {
  echoAuthorization();
  let issued = 0;
  const rest = new REST({
    baseUrl: server.origin,
    logger: {},
    authToken: async () => [`t${++issued}`, 3600],
  });
  try {
    expect(await rest.get<{ auth: string }>('/first')).toEqual({ auth: 'Bearer t1' });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600 * 1000);
    expect(await rest.get<{ auth: string }>('/second')).toEqual({ auth: 'Bearer t2' });
  } finally {
    vi.useRealTimers();
    await rest.close();
  }
});

test('a client built under fake timers reads the real clock again after vi.useRealTimers()', async () => {
  echoAuthorization();
  let issued = 0;
  vi.useFakeTimers({ toFake: ['Date'] });
  // A 1 s token is refreshed half-way through its lifetime (SPEC 3.8: min(120 s, half the lifetime)).
  const rest = new REST({ baseUrl: server.origin, logger: {}, authToken: async () => [`t${++issued}`, 1] });
  vi.useRealTimers();
  try {
    expect(await rest.get<{ auth: string }>('/first')).toEqual({ auth: 'Bearer t1' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await rest.get<{ auth: string }>('/second')).toEqual({ auth: 'Bearer t2' });
  } finally {
    await rest.close();
  }
});

test('a Math.random spy installed after construction drives the jitter of a network retry', async () => {
  const rest = new REST({ baseUrl: `http://127.0.0.1:${await refusedPort()}`, logger: {}, retry: 1 });
  const random = vi.spyOn(Math, 'random').mockReturnValue(0);
  try {
    await expect(rest.get('/down')).rejects.toMatchObject({ name: 'NetworkError' });
    expect(random).toHaveBeenCalled();
  } finally {
    await rest.close();
  }
});

test('fully fake timers drive retryWait between real exchanges: 503, then success after the fake wait', async () => {
  let served = 0;
  server.route = (_request, response) => {
    served++;
    response.statusCode = served === 1 ? 503 : 200;
    response.setHeader('content-type', 'application/json');
    response.end(served === 1 ? '{"busy":true}' : '{"ok":true}');
  };
  vi.useFakeTimers();
  const rest = new REST({ baseUrl: server.origin, logger: {}, retry: 2, retryWait: 5 });
  try {
    let settled = false;
    const call = rest.get('/busy').finally(() => {
      settled = true;
    });
    // 5 fake seconds of backoff pass in about 50 real turns; the real loopback exchanges need real turns.
    for (let turn = 0; turn < 2000 && !settled; turn++) {
      await vi.advanceTimersByTimeAsync(100);
      await realTurn();
    }
    expect(await call).toEqual({ ok: true });
    expect(served).toBe(2);
  } finally {
    vi.useRealTimers();
    await rest.close();
  }
});
