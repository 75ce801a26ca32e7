import { createHook } from 'node:async_hooks';
import { isAPIError, isClientClosedError, isTimeoutError } from '@meta/errors';
import { createFetchTransport } from '@meta/transport';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { type ClientConfig, REST } from '../src/index.js';
import { type RaceServer, startRaceServer } from './lifecycle-races-server.js';

/*
 * Lifecycle races: a call is parked at one await point of its pipeline, then a graceful close(), a forced one,
 * a graceful one upgraded to forced, the caller's abort (with and without a reason) or totalTimeoutMs lands.
 * Every combination runs on both transports and checks what SPEC 3.7/3.8 and the README's Lifecycle and Hooks
 * sections promise: the call settles with the right typed error (or its answer, for an exchange already on the
 * wire at a graceful close), close() resolves, nothing new reaches the server, every socket closes, no timer or
 * socket is left behind and no rejection goes unhandled. Waits are bounded by GUARD_MS so a hang fails the test.
 */

const GUARD_MS = 10_000;
/** The totalTimeoutMs of the "total" event: long enough to park first, short enough to keep the file quick. */
const TOTAL_MS = 400;

type TransportKind = 'undici' | 'fetch';
type RaceEvent = 'close' | 'force' | 'upgrade' | 'abort' | 'abort-no-reason' | 'abort-primitive' | 'total';
const EVENTS: readonly RaceEvent[] = [
  'close',
  'force',
  'upgrade',
  'abort',
  'abort-no-reason',
  'abort-primitive',
  'total',
];

/**
 * How a point reacts:
 * - `wait`: the client is waiting (token provider, backoff): every event releases it at once
 *   (SPEC 3.7 "calls waiting in backoff or on the token provider reject"; SPEC 3.8 "The wait for the token
 *   provider is bounded by the caller's signal, totalTimeoutMs and close()").
 * - `hook`: caller code before an exchange (beforeRequest, beforeRetry) runs to its end (README Hooks: "A hook is
 *   awaited as it is"), then the call fails as the event says and nothing more is sent.
 * - `wire`: an exchange on the wire: a graceful close lets it finish (SPEC 3.7 "exchanges already on the wire
 *   finish"); force aborts it (SPEC 3.7 v2 "their calls reject with ClientClosedError").
 * - `after`: the exchange is complete and caller code (afterResponse, an async validator) runs to its end (README
 *   Hooks and Lifecycle): a graceful close lets the call finish; a forced close or an abort that landed meanwhile
 *   still fails it once that code returns; totalTimeoutMs bounds attempts, backoff and waits, not caller code
 *   after the last exchange, so the call gets its answer.
 */
type Category = 'wait' | 'hook' | 'wire' | 'after';

interface Parked {
  readonly rest: REST;
  readonly calls: Promise<unknown>[];
  /** True once the call(s) sit at the await point. */
  readonly parked: () => boolean;
  /** Let caller code (a hook, a validator, the provider) continue. */
  readonly release: () => void;
  /** Let the server finish the exchange on the wire. */
  readonly finish: () => void;
}

interface Setup {
  readonly kind: TransportKind;
  readonly signal: AbortSignal | undefined;
  readonly totalTimeoutMs: number | undefined;
}

interface Point {
  readonly name: string;
  readonly category: Category;
  /** What a graceful close lets the call end with, when not its 2xx answer (a non-2xx answer's APIError). */
  readonly answeredStatus?: number;
  /** True when nothing can finish the exchange: a graceful close waits for the attempt's `timeoutMs`. */
  readonly gracefulTimesOut?: boolean;
  /**
   * True when Node's fetch keeps the connection of an ended exchange: a TLS handshake still in progress is left
   * to the platform (SPEC 3.8 "Node's global fetch gives no handle on a socket that is still connecting";
   * transport README "Node's global fetch reconnects after an abort too"), so on fetch the server hangs up.
   */
  readonly fetchKeepsConnecting?: boolean;
  /** Create the client and start the call(s) that park at this point. */
  readonly setup: (setup: Setup) => Parked;
}

let server: RaceServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
/**
 * Timers and sockets created since `takeBaseline()` and not yet destroyed, by async id. Only those that keep the
 * process alive (`hasRef()`) count as left behind: Node 20's fetch keeps an idle spare connection unref'd.
 */
const TRACKED_TYPES = new Set(['Timeout', 'TCPWRAP', 'TCPCONNECTWRAP']);
const tracked = new Map<number, { type: string; resource: { hasRef?: () => boolean } }>();
const resourceHook = createHook({
  init(asyncId, type, _triggerAsyncId, resource) {
    if (TRACKED_TYPES.has(type))
      tracked.set(asyncId, { type, resource: resource as { hasRef?: () => boolean } });
  },
  destroy(asyncId) {
    tracked.delete(asyncId);
  },
});

/** The resources this test created that still keep the process alive (a fired or cleared timer does not). */
function leftovers(): string[] {
  return [...tracked.values()]
    .filter(({ resource }) => {
      if ((resource as { _destroyed?: boolean })._destroyed === true) return false;
      return typeof resource.hasRef !== 'function' || resource.hasRef();
    })
    .map(({ type }) => type);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `promise`, or a failure naming `what` after GUARD_MS (so a hang fails the test instead of timing out vitest). */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${GUARD_MS} ms`)), GUARD_MS);
  });
  try {
    return await Promise.race([promise, guard]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolve once `condition()` holds, checking every 5 ms; fail after GUARD_MS. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const stop = Date.now() + GUARD_MS;
  while (!condition()) {
    if (Date.now() > stop) throw new Error(`${what}: not reached within ${GUARD_MS} ms`);
    await delay(5);
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

function settle(promise: Promise<unknown>): Promise<Outcome> {
  return promise.then(
    (value) => ({ ok: true, value }),
    (error: unknown) => ({ ok: false, error }),
  );
}

/** A promise the test resolves by hand, and how many times code waited on it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open, waits: 0 };
}

function makeClient(setup: Setup, config: Partial<ClientConfig> = {}): REST {
  const full: ClientConfig = {
    baseUrl: `${server.origin}/api`,
    retry: 0,
    logger: { warn: () => {}, error: () => {} },
    ...(setup.totalTimeoutMs === undefined ? {} : { totalTimeoutMs: setup.totalTimeoutMs }),
    ...config,
  };
  return setup.kind === 'undici' ? new REST(full) : new REST({ ...full, transport: createFetchTransport() });
}

const options = (setup: Setup) => (setup.signal === undefined ? undefined : { signal: setup.signal });
const nothing = (): void => {};

/** A provider whose first `immediate` calls answer at once and later ones wait for `release`. */
function pendingProvider(immediate: number) {
  const pending: Array<(value: [string, number]) => void> = [];
  const state = { calls: 0 };
  const provider = (): [string, number] | Promise<[string, number]> => {
    state.calls++;
    if (state.calls <= immediate) return [`token-${state.calls}`, 3600];
    return new Promise((resolve) => pending.push(resolve));
  };
  const release = () => {
    for (const resolve of pending.splice(0)) resolve([`token-${state.calls}`, 3600]);
  };
  return { provider, state, release };
}

/** One GET to `path` whose `hook` waits at a gate: parked once the hook runs, released when the gate opens. */
function parkedInHook(
  setup: Setup,
  hook: 'beforeRequest' | 'beforeRetry' | 'afterResponse',
  path: string,
  config: Partial<ClientConfig> = {},
): Parked {
  const hookGate = gate();
  const waitAtGate = async () => {
    hookGate.waits++;
    await hookGate.opened;
  };
  const rest = makeClient(setup, { ...config, hooks: { [hook]: waitAtGate } });
  return {
    rest,
    calls: [rest.get(path, undefined, options(setup))],
    parked: () => hookGate.waits === 1,
    release: hookGate.open,
    finish: nothing,
  };
}

/** One GET to `path` that the server holds on the wire: parked once `parked()` says so, ended by `finish`. */
function parkedOnWire(setup: Setup, path: string, parked: () => boolean, finish: () => void): Parked {
  const rest = makeClient(setup);
  return { rest, calls: [rest.get(path, undefined, options(setup))], parked, release: nothing, finish };
}

const trickling = () => server.trickling.length === 1;

/** One GET to `path` that waits on the token provider once its first `immediate` answers are used. */
function parkedInProvider(setup: Setup, immediate: number, path: string): Parked {
  const auth = pendingProvider(immediate);
  const rest = makeClient(setup, { authToken: auth.provider });
  return {
    rest,
    calls: [rest.get(path, undefined, options(setup))],
    parked: () => auth.state.calls === immediate + 1,
    release: auth.release,
    finish: nothing,
  };
}

const POINTS: readonly Point[] = [
  {
    name: '1. inside authToken()',
    category: 'wait',
    setup: (setup) => parkedInProvider(setup, 0, '/ok'),
  },
  {
    name: '1b. two calls sharing one authToken() refresh',
    category: 'wait',
    setup(setup) {
      const auth = pendingProvider(0);
      const rest = makeClient(setup, { authToken: auth.provider });
      const calls = [rest.get('/ok', undefined, options(setup)), rest.get('/ok', undefined, options(setup))];
      return { rest, calls, parked: () => auth.state.calls === 1, release: auth.release, finish: nothing };
    },
  },
  {
    name: '2. in a beforeRequest hook that awaits',
    category: 'hook',
    setup: (setup) => parkedInHook(setup, 'beforeRequest', '/ok'),
  },
  {
    name: '3a. connecting: the server accepts TCP and never reads',
    category: 'wire',
    setup(setup) {
      server.stallReads = true;
      return parkedOnWire(
        setup,
        '/stall',
        () => server.stalled.length === 1,
        () => server.resumeStalled(),
      );
    },
  },
  {
    name: '3c. connecting: a TLS handshake the server never answers',
    category: 'wire',
    gracefulTimesOut: true,
    fetchKeepsConnecting: true,
    setup(setup) {
      server.stallReads = true;
      // The attempt's deadline (and so the connect deadline) is what ends it after a graceful close.
      const rest = makeClient(setup, {
        baseUrl: `${server.origin.replace('http:', 'https:')}/api`,
        timeoutMs: 1000,
      });
      return {
        rest,
        calls: [rest.get('/stall', undefined, options(setup))],
        parked: () => server.stalled.length === 1,
        release: nothing,
        finish: nothing,
      };
    },
  },
  {
    name: '3b. before the status line',
    category: 'wire',
    setup: (setup) =>
      parkedOnWire(
        setup,
        '/hold',
        () => server.held.length === 1,
        () => server.answerHeld(),
      ),
  },
  {
    name: '4. after the headers, while the body trickles',
    category: 'wire',
    setup: (setup) => parkedOnWire(setup, '/trickle', trickling, () => server.finishTrickles()),
  },
  {
    name: '4b. after the headers of a 503, while its error body trickles',
    category: 'wire',
    answeredStatus: 503,
    setup: (setup) => parkedOnWire(setup, '/trickle-503', trickling, () => server.finishTrickles()),
  },
  {
    name: '5. in the backoff sleep between attempts',
    category: 'wait',
    setup(setup) {
      const retries = { logged: 0 };
      const rest = makeClient(setup, {
        retry: 1,
        retryCodes: [503],
        // The real sleep for 30 s (its timer must be cleared); under totalTimeoutMs a delay past the deadline is
        // never slept (SPEC 3.8), so there a short wait and a sleep that only ends on its signal.
        ...(setup.totalTimeoutMs === undefined
          ? { retryWait: 30 }
          : {
              retryWait: 0.01,
              sleep: (_ms: number, signal: AbortSignal) =>
                new Promise<void>((resolve) =>
                  signal.addEventListener('abort', () => resolve(), { once: true }),
                ),
            }),
        logger: { warn: () => retries.logged++, error: () => {} },
      });
      return {
        rest,
        calls: [rest.get('/flaky', undefined, options(setup))],
        parked: () => retries.logged === 1,
        release: nothing,
        finish: nothing,
      };
    },
  },
  {
    name: '6a. in a beforeRetry hook that awaits',
    category: 'hook',
    setup: (setup) =>
      parkedInHook(setup, 'beforeRetry', '/flaky', { retry: 1, retryCodes: [503], retryWait: 0.001 }),
  },
  {
    name: '6b. in an afterResponse hook that awaits',
    category: 'after',
    setup: (setup) => parkedInHook(setup, 'afterResponse', '/ok'),
  },
  {
    name: "7. between redirect hops (the second hop's server stalls)",
    category: 'wire',
    setup(setup) {
      const rest = makeClient(setup, { allowRedirects: true });
      return {
        rest,
        calls: [rest.get('/redirect', undefined, options(setup))],
        parked: () => server.held.length === 1,
        release: nothing,
        finish: () => server.answerHeld(),
      };
    },
  },
  {
    name: '8. while an async Standard Schema validator runs',
    category: 'after',
    setup(setup) {
      const validator = gate();
      const schema = {
        '~standard': {
          version: 1 as const,
          vendor: 'lifecycle-races',
          validate: async (value: unknown) => {
            validator.waits++;
            await validator.opened;
            return { value };
          },
        },
      };
      const rest = makeClient(setup);
      const callOptions = setup.signal === undefined ? { schema } : { schema, signal: setup.signal };
      return {
        rest,
        calls: [rest.get('/ok', undefined, callOptions)],
        parked: () => validator.waits === 1,
        release: validator.open,
        finish: nothing,
      };
    },
  },
  {
    name: "9. during the 401 replay's forced refresh",
    category: 'wait',
    setup: (setup) => parkedInProvider(setup, 1, '/unauthorized'),
  },
];

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = await startRaceServer();
  // Load undici once, so the lazy default transport's first import is not what a short deadline measures.
  await import('@meta/transport/undici');
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server.close();
});

beforeEach(() => {
  server.reset();
  unhandled.length = 0;
});

afterEach(async () => {
  resourceHook.disable();
  await delay(0);
  expect(unhandled).toEqual([]);
});

/** Start tracking the timers and sockets this test creates. */
function takeBaseline(): void {
  tracked.clear();
  resourceHook.enable();
}

/** SPEC 3.7: "no timers or sockets remain" once the calls settled and close() resolved. */
async function expectNoLeftovers(): Promise<void> {
  const stop = Date.now() + GUARD_MS;
  while (leftovers().length > 0) {
    if (Date.now() > stop) expect(leftovers(), 'timers or sockets left behind').toEqual([]);
    await delay(5);
  }
  resourceHook.disable();
}

/** Check one settled call against what the event promises at this point. */
function expectOutcome(outcome: Outcome, point: Point, event: RaceEvent, reason: Error, signal: AbortSignal) {
  const { category } = point;
  if (event === 'close' && point.gracefulTimesOut === true) {
    // SPEC 3.8: "A stalled TLS handshake is destroyed when the attempt's deadline fires"; a graceful close
    // waits for it (README Lifecycle), and the call rejects with the attempt's timeout.
    const error = (outcome as { error?: unknown }).error;
    expect(outcome.ok === false && isTimeoutError(error) && error.phase !== 'total', String(error)).toBe(
      true,
    );
    return;
  }
  if ((event === 'close' || event === 'total') && point.answeredStatus !== undefined) {
    // The exchange on the wire finished: its answer is the server's status, as an APIError (retry is 0). A
    // deadline passing while an error body is read keeps the status too (README Errors: "A non-2xx is an
    // APIError with its status whatever happens to its body"), the timeout as its `cause`.
    expect(outcome.ok === false && isAPIError(outcome.error) && outcome.error.statusCode).toBe(
      point.answeredStatus,
    );
    if (event === 'total') expect(isTimeoutError((outcome as { error: Error }).error.cause)).toBe(true);
    return;
  }
  const answered =
    (event === 'close' && (category === 'wire' || category === 'after')) ||
    (event === 'total' && category === 'after');
  if (answered) {
    // SPEC 3.7: "exchanges already on the wire finish" on a graceful close.
    expect(outcome).toMatchObject({ ok: true });
    return;
  }
  expect(outcome.ok, `expected a rejection, got ${JSON.stringify(outcome)}`).toBe(false);
  const error = (outcome as { error: unknown }).error;
  switch (event) {
    case 'close':
    case 'force':
    case 'upgrade':
      // SPEC 3.8: "calls released by close() reject with ClientClosedError"; SPEC 3.7 v2: forced -> the same.
      expect(isClientClosedError(error), String(error)).toBe(true);
      return;
    case 'abort':
      // SPEC 3.8: "an abort rejects with signal.reason".
      expect(error).toBe(reason);
      return;
    case 'abort-primitive':
      // A reason that is not an Error is still passed through as is.
      expect(error).toBe('stop');
      return;
    case 'abort-no-reason':
      // SPEC 3.8: "(the platform's AbortError when none was given)".
      expect(error).toBe(signal.reason);
      expect((error as Error).name).toBe('AbortError');
      return;
    case 'total':
      // SPEC 3.8: "totalTimeoutMs (default none) bounds a whole call across attempts and backoff".
      expect(isTimeoutError(error) && error.phase === 'total', String(error)).toBe(true);
      return;
  }
}

describe.each(['undici', 'fetch'] as const)('%s transport', (kind) => {
  describe.each(POINTS)('$name', (point) => {
    test.each(EVENTS)('%s', async (event) => {
      takeBaseline();
      const controller = new AbortController();
      const reason = new Error('the caller gave up');
      const aborts = event.startsWith('abort');
      const scenario = point.setup({
        kind,
        signal: aborts ? controller.signal : undefined,
        totalTimeoutMs: event === 'total' ? TOTAL_MS : undefined,
      });
      const startedAt = Date.now();
      const { rest } = scenario;
      let allSettled = false;
      const outcomes = Promise.all(scenario.calls.map(settle)).then((all) => {
        allSettled = true;
        return all;
      });
      // On a loaded machine the total deadline may pass before the call parks: it must still end as "total".
      await until(() => scenario.parked() || (event === 'total' && allSettled), `${point.name} parked`);
      // Only the first connection stalls (point 3a).
      server.stallReads = false;
      if (point.name.startsWith('4')) {
        // Let the client take in the status line, headers and the first body bytes before the event.
        await delay(20);
      }
      const connectionsAtEvent = server.connections;
      const requestsAtEvent = server.requests.length;

      let closing: Promise<void> | undefined;
      let closeSettled = false;
      const track = (promise: Promise<void>) => {
        promise.then(
          () => {
            closeSettled = true;
          },
          () => {},
        );
        return promise;
      };
      switch (event) {
        case 'close':
          closing = track(rest.close());
          break;
        case 'force':
          closing = track(rest.close({ force: true }));
          break;
        case 'upgrade': {
          closing = track(rest.close());
          await delay(10);
          // SPEC 3.7 v2: "a graceful close() followed by a forced one upgrades it"; it is the same promise.
          expect(rest.close({ force: true })).toBe(closing);
          break;
        }
        case 'abort':
          controller.abort(reason);
          break;
        case 'abort-no-reason':
          controller.abort();
          break;
        case 'abort-primitive':
          controller.abort('stop');
          break;
        case 'total':
          break;
      }

      if (point.category === 'hook' || point.category === 'after') {
        // Caller code is not interrupted (README Hooks); it returns after the event (for "total": after the deadline).
        if (event === 'total') await delay(Math.max(0, startedAt + TOTAL_MS + 50 - Date.now()));
        scenario.release();
      }
      if (point.category === 'wire' && event === 'close') {
        // SPEC 3.8: close() "resolves once in-flight exchanges have settled": not before the server answers.
        await delay(30);
        expect(closeSettled).toBe(false);
        scenario.finish();
      }

      const settled = await within(outcomes, `${point.name} / ${event}: the call`);
      for (const outcome of settled) expectOutcome(outcome, point, event, reason, controller.signal);

      // close() resolves (a forced one as soon as the sockets closed); a second close() returns the same promise.
      closing ??= rest.close();
      await within(closing, 'close()');
      expect(rest.close()).toBe(closing);

      // A call after close() rejects at once with ClientClosedError and sends nothing.
      const late = await settle(rest.get('/ok'));
      expect(late.ok === false && isClientClosedError(late.error)).toBe(true);

      // Nothing new reached the server after the event: no retry, no next hop, no replay, no late call. The
      // request of point 3a was sent before the event; its stalled connection is read only now (or when the
      // graceful close let it finish).
      scenario.release();
      server.resumeStalled();
      const readSince = server.requests.slice(requestsAtEvent);
      const sentBeforeEvent = point.name.startsWith('3a.') ? ['/api/v1/stall'] : [];
      expect(sentBeforeEvent.slice(0, readSince.length)).toEqual(readSince);
      // The server sees every socket of the exchanges closed.
      const exchanges = server.accepted.slice(0, connectionsAtEvent);
      if (kind === 'fetch' && point.fetchKeepsConnecting === true)
        for (const socket of exchanges) socket.destroy();
      await until(() => exchanges.every((socket) => socket.destroyed), 'server sockets closed');
      const later = server.accepted.slice(connectionsAtEvent);
      if (kind === 'undici') expect(later).toHaveLength(0);
      // Node's fetch (its bundled undici) opens one spare connection after an aborted exchange and keeps it idle
      // (unref'd; Node 20: for its 4 s keep-alive), never carrying a request (transport README "Node's global
      // fetch reconnects after an abort too"). The undici transport refuses that reconnect.
      expect(later.filter((socket) => server.carriedRequest(socket))).toHaveLength(0);
      expect(later.length).toBeLessThanOrEqual(1);
      for (const socket of later) socket.destroy();
      await until(() => server.open.size === 0, 'server sockets closed');
      await expectNoLeftovers();
    });
  });
});

describe.each(['undici', 'fetch'] as const)('%s transport: single races', (kind) => {
  test('one waiter aborting does not cancel the refresh another call shares', async () => {
    takeBaseline();
    const auth = pendingProvider(0);
    const rest = makeClient(
      { kind, signal: undefined, totalTimeoutMs: undefined },
      { authToken: auth.provider },
    );
    const controller = new AbortController();
    const reason = new Error('only this one gave up');
    const aborted = settle(rest.get('/ok', undefined, { signal: controller.signal }));
    const kept = settle(rest.get('/ok'));
    await until(() => auth.state.calls === 1, 'both calls wait on the provider');
    controller.abort(reason);
    expect(await within(aborted, 'the aborted call')).toEqual({ ok: false, error: reason });
    auth.release();
    expect(await within(kept, 'the other call')).toEqual({ ok: true, value: { ok: true } });
    expect(auth.state.calls).toBe(1);
    expect(server.requests).toEqual(['/api/v1/ok']);
    await within(rest.close(), 'close()');
    await until(() => server.open.size === 0, 'server sockets closed');
    await expectNoLeftovers();
  });

  test('a backoff that would pass totalTimeoutMs is not slept: the last error at once', async () => {
    takeBaseline();
    const rest = makeClient(
      { kind, signal: undefined, totalTimeoutMs: TOTAL_MS },
      { retry: 1, retryCodes: [503], retryWait: 30 },
    );
    const outcome = await within(settle(rest.get('/flaky')), 'the call');
    // SPEC 3.8: "a delay that would pass it is not slept (fail with the last error)".
    expect(outcome.ok === false && isAPIError(outcome.error) && outcome.error.statusCode === 503).toBe(true);
    expect(server.requests).toHaveLength(1);
    await within(rest.close(), 'close()');
    await until(() => server.open.size === 0, 'server sockets closed');
    await expectNoLeftovers();
  });

  // Regression: the call resolved with its data although the caller had aborted (or the client was force-closed)
  // while afterResponse or the validator ran: nothing after the last exchange looked at the call's signal.
  test('an abort landing while an afterResponse hook runs rejects with signal.reason once the hook returns', async () => {
    takeBaseline();
    const hook = gate();
    const rest = makeClient(
      { kind, signal: undefined, totalTimeoutMs: undefined },
      { hooks: { afterResponse: () => hook.opened } },
    );
    const controller = new AbortController();
    const reason = new Error('aborted during afterResponse');
    const call = settle(rest.get('/ok', undefined, { signal: controller.signal }));
    await until(() => server.requests.length === 1, 'the exchange happened');
    await delay(20);
    controller.abort(reason);
    hook.open();
    expect(await within(call, 'the call')).toEqual({ ok: false, error: reason });
    await within(rest.close(), 'close()');
    await expectNoLeftovers();
  });

  test('a forced close landing while an async validator runs rejects with ClientClosedError once it returns', async () => {
    takeBaseline();
    const validator = gate();
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'lifecycle-races',
        validate: async (value: unknown) => {
          validator.waits++;
          await validator.opened;
          return { value };
        },
      },
    };
    const rest = makeClient({ kind, signal: undefined, totalTimeoutMs: undefined });
    const call = settle(rest.get('/ok', undefined, { schema }));
    await until(() => validator.waits === 1, 'the validator runs');
    const closing = rest.close({ force: true });
    validator.open();
    const outcome = await within(call, 'the call');
    expect(outcome.ok === false && isClientClosedError(outcome.error)).toBe(true);
    await within(closing, 'close()');
    await expectNoLeftovers();
  });

  test('a provider that rejects after close() released its callers leaves no unhandled rejection', async () => {
    takeBaseline();
    let fail!: (error: Error) => void;
    const rest = makeClient(
      { kind, signal: undefined, totalTimeoutMs: undefined },
      { authToken: () => new Promise((_resolve, reject) => (fail = reject)) },
    );
    const calls = [settle(rest.get('/ok')), settle(rest.get('/ok'))];
    await until(() => fail !== undefined, 'the provider is asked');
    await within(rest.close(), 'close()');
    for (const outcome of await within(Promise.all(calls), 'the calls')) {
      expect(outcome.ok === false && isClientClosedError(outcome.error)).toBe(true);
    }
    fail(new Error('the identity provider is down'));
    await delay(20);
    expect(server.requests).toHaveLength(0);
    await expectNoLeftovers();
  });

  test('a call started in the same tick as close() is already in flight: answered, or not sent when forced', async () => {
    takeBaseline();
    for (const force of [false, true]) {
      server.reset();
      // A fresh client: on undici the transport is still loading when close() lands.
      const rest = makeClient({ kind, signal: undefined, totalTimeoutMs: undefined });
      const call = settle(rest.get('/ok'));
      const closing = rest.close({ force });
      const outcome = await within(call, 'the call');
      if (force) {
        expect(outcome.ok === false && isClientClosedError(outcome.error)).toBe(true);
        expect(server.requests).toEqual([]);
      } else {
        expect(outcome).toEqual({ ok: true, value: { ok: true } });
        expect(server.requests).toEqual(['/api/v1/ok']);
      }
      await within(closing, 'close()');
      await until(() => server.open.size === 0, 'server sockets closed');
    }
    await expectNoLeftovers();
  });

  test('close() with nothing in flight resolves, and a second close() returns the same promise', async () => {
    takeBaseline();
    const rest = makeClient({ kind, signal: undefined, totalTimeoutMs: undefined });
    const first = rest.close();
    expect(rest.close()).toBe(first);
    expect(rest.close({ force: true })).toBe(first);
    await within(first, 'close()');
    const late = await settle(rest.get('/ok'));
    expect(late.ok === false && isClientClosedError(late.error)).toBe(true);
    expect(server.connections).toBe(0);
    await expectNoLeftovers();
  });
});
