import { Agent, type Dispatcher } from 'undici';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient, DriverContext } from './bench-client.js';
import {
  controllerFloorHandler,
  type FloorHandlerFactory,
  type FloorResponse,
  legacyFloorHandler,
} from './floor-handlers.js';
import { httpFailure, MAX_ATTEMPTS, retryAfterMs, waitBeforeRetry } from './rate-limit-retry.js';

const JSON_HEADERS = { 'content-type': 'application/json' };
/** The headers REST sends on every request by default (its `User-Agent` and `Accept`, the transport's codings). */
const REST_DEFAULT_HEADERS = {
  'User-Agent': '@meta/rest',
  Accept: 'application/json, */*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
};

/**
 * A client that dispatches with `createHandler`'s handler on an `Agent` capped at the run's connection count:
 * status, raw chunks, one `Buffer.concat`, one `JSON.parse`, and the same 429 retry loop as every raw driver.
 */
function createFloorClient(
  { origin, pool }: DriverContext,
  createHandler: FloorHandlerFactory,
  headers: Record<string, string> | null = null,
  deadlineMs: number | undefined = undefined,
): BenchClient {
  const agent = new Agent({
    connections: pool.connections,
    keepAliveTimeout: pool.keepAliveTimeoutMs,
    connect: { timeout: pool.connectTimeoutMs },
  });

  function exchange(options: Dispatcher.DispatchOptions): Promise<FloorResponse> {
    return new Promise((resolve, reject) => {
      if (deadlineMs !== undefined) {
        // One timer per exchange, cleared when it settles, as REST's transport arms for its deadline. The error is
        // built only if it fires: an `Error` per request (its stack trace) cost this driver ~10 us per small GET
        // over the socket, which an earlier pass took for the timer's own cost.
        const timer = setTimeout(() => reject(new Error('deadline')), deadlineMs);
        const [settle, fail] = [resolve, reject];
        resolve = (response) => {
          clearTimeout(timer);
          settle(response);
        };
        reject = (error) => {
          clearTimeout(timer);
          fail(error);
        };
      }
      // The typings know only the controller API; undici 7 accepts both callback sets at run time.
      agent.dispatch(options, createHandler(resolve, reject) as Dispatcher.DispatchHandler);
    });
  }

  async function send(benchRequest: BenchRequest): Promise<unknown> {
    const path = API_PREFIX + benchRequest.path;
    const options: Dispatcher.DispatchOptions =
      benchRequest.body === undefined
        ? { origin, path, method: benchRequest.method, headers }
        : {
            origin,
            path,
            method: benchRequest.method,
            headers: { ...headers, ...JSON_HEADERS },
            body: JSON.stringify(benchRequest.body),
          };
    for (let attempt = 1; ; attempt += 1) {
      const response = await exchange(options);
      if (response.status === 429 && attempt < MAX_ATTEMPTS) {
        await waitBeforeRetry(retryAfterMs(response.retryAfter));
        continue;
      }
      if (response.status >= 300) throw httpFailure(response.status, benchRequest.method, benchRequest.path);
      return JSON.parse(response.body.toString('utf8'));
    }
  }

  return { send, close: () => agent.close() };
}

/** The floor (SPEC 7 v2): undici 7's core callbacks, no adapter in between. */
export const createFloorDispatchClient: CreateBenchClient = async (context) =>
  createFloorClient(context, legacyFloorHandler);

/** The floor's work on the controller API, as `@meta/transport` dispatches (behind undici 7's `UnwrapHandler`). */
export const createControllerFloorClient: CreateBenchClient = async (context) =>
  createFloorClient(context, controllerFloorHandler);

/** The floor sending REST's default request headers: what those bytes cost on the wire, apart from REST's code. */
export const createFloorWithRestHeadersClient: CreateBenchClient = async (context) =>
  createFloorClient(context, legacyFloorHandler, REST_DEFAULT_HEADERS);

/** REST's default per-attempt deadline (`timeoutMs`). */
const REST_DEFAULT_TIMEOUT_MS = 300_000;

/** The floor with a deadline timer per exchange (REST's default `timeoutMs`): what that timer costs on a socket. */
export const createDeadlineFloorClient: CreateBenchClient = async (context) =>
  createFloorClient(context, legacyFloorHandler, null, REST_DEFAULT_TIMEOUT_MS);

/**
 * CPU that REST's own code spends per small GET above the floor's, measured without a socket (`overhead` vs
 * `overhead --floor`, 2026-12-03: 2.3-2.6 us vs 1.0-1.1 us).
 */
const REST_EXCESS_NANOSECONDS = 1250n;

/** Burn `nanoseconds` of CPU on this thread (a stand-in for code, with no allocation and no I/O). */
function spin(nanoseconds: bigint): void {
  const end = process.hrtime.bigint() + nanoseconds;
  while (process.hrtime.bigint() < end) {
    // busy: the point is the CPU time
  }
}

/**
 * The floor plus a fixed 1.25 us of CPU per request before it dispatches: what REST's measured in-memory excess
 * over the floor alone costs over the socket, so the socket benchmark can tell that excess apart from anything
 * else REST's requests do differently.
 */
export const createBusyFloorClient: CreateBenchClient = async (context) => {
  const floor = createFloorClient(context, legacyFloorHandler);
  return {
    send(benchRequest: BenchRequest): Promise<unknown> {
      spin(REST_EXCESS_NANOSECONDS);
      return floor.send(benchRequest);
    },
    close: () => floor.close(),
  };
};
