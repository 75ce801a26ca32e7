import { inspect } from 'node:util';
import {
  isAPIError,
  isAuthProviderError,
  isClientClosedError,
  isNetworkError,
  isResponseParseError,
  isTimeoutError,
  isTooManyRedirectsError,
} from '@meta/errors';
import { createFetchTransport } from '@meta/transport';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ClientConfig, REST } from '../src/index.js';
import {
  type RetryAfterKind,
  type ScriptServer,
  type SeenRequest,
  type Step,
  startScriptServer,
} from './invariant-fuzz-server.js';

// One seed, so the gate is deterministic; `FUZZ_SEED=<n>` explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 1) });

// A property-based fuzzer of REST's call-level invariants (SPEC 3.2, 3.3, 3.5, 3.6, 3.7, 3.8, 5) against hostile
// servers: each case draws a method, client options and a per-request server script (see
// invariant-fuzz-server.ts), runs one call on a real loopback server over one transport, and checks what the
// server saw and what the caller got against rules read from the SPEC. Sleeps are recorded, never slept.

/** Random cases per transport (after the pinned examples); about 10 s per transport on Node 20 here. */
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 100);
const TOKEN = 'tok-Fz9Qx81LmA7';
const API_KEY = 'ak-Kq3Vb72Nc0Zp';
const PASSWORD = 'pw-Hs5Xt66Jr2';
const SECRETS = [TOKEN, API_KEY, PASSWORD];
/** SPEC 3.1 defaults. */
const DEFAULT_MAX_RETRY_AFTER_MS = 120_000;
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type TransportKind = 'undici' | 'fetch';

interface Case {
  readonly method: Method;
  readonly withBody: boolean;
  readonly retry: number;
  readonly retryNonIdempotent: boolean;
  readonly timeoutMs: number;
  readonly totalTimeoutMs: number | undefined;
  readonly allowRedirects: boolean;
  readonly provider: boolean;
  /** The provider throws when asked again (the forced refresh after a 401). */
  readonly providerFails: boolean;
  readonly apiKey: boolean;
  readonly debugLogger: boolean;
  readonly maxRetryAfterMs: number | undefined;
  readonly retry500: boolean;
  readonly forceClose: boolean;
  readonly maxRedirects: number | undefined;
  /** close() (graceful or forced) right after the server saw the first request. */
  readonly closeMidway: 'none' | 'graceful' | 'force';
  readonly script: readonly Step[];
}

const jsonValue = fc.jsonValue({ maxDepth: 2 });
const echo = fc.boolean();
const retryAfterKind = fc.constantFrom<RetryAfterKind>(
  'none',
  'seconds-0',
  'seconds-1',
  'seconds-2',
  'past-date',
  'date+3s',
  'junk',
  'huge',
);
// The two answers both step lists draw (a terminal one and one the client continues after).
const retryAfterStep = fc.record({
  kind: fc.constant('retry-after' as const),
  status: fc.constantFrom(429 as const, 503 as const),
  retryAfter: retryAfterKind,
});
const redirectStep = fc.record({
  kind: fc.constant('redirect' as const),
  status: fc.constantFrom(301 as const, 302 as const, 303 as const, 307 as const, 308 as const),
  location: fc.constantFrom(
    'path' as const,
    'relative' as const,
    'absolute' as const,
    'other-origin' as const,
    'scheme-relative' as const,
    'userinfo' as const,
    'echo' as const,
  ),
});
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('json' as const), value: jsonValue, echo }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'no-content' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('html' as const), echo }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bad-json' as const), echo }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom(400, 403, 404, 409, 500, 502, 504),
      body: fc.constantFrom('json' as const, 'html' as const, 'empty' as const),
      echo,
    }),
  },
  {
    weight: 4,
    arbitrary: retryAfterStep,
  },
  {
    weight: 3,
    arbitrary: redirectStep,
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unauthorized' as const), echo }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'reset-before' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('reset-after-status' as const),
      status: fc.constantFrom(200 as const, 503 as const),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'cut-body' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stall' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'trickle' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('interim' as const),
      code: fc.constantFrom(100 as const, 102 as const, 103 as const),
      value: jsonValue,
    }),
  },
);

/** Answers after which the call may go on (a retry, a hop, a replay), so scripts reach their later steps. */
const goOnArb: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('status' as const),
      status: fc.constantFrom(500, 502, 503, 504),
      body: fc.constantFrom('json' as const, 'html' as const, 'empty' as const),
      echo,
    }),
  },
  {
    weight: 3,
    arbitrary: retryAfterStep,
  },
  {
    weight: 3,
    arbitrary: redirectStep,
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unauthorized' as const), echo }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'reset-before' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'stall' as const }) },
);

const caseArb: fc.Arbitrary<Case> = fc.record({
  method: fc.constantFrom<Method>('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
  withBody: fc.boolean(),
  retry: fc.integer({ min: 0, max: 3 }),
  retryNonIdempotent: fc.boolean(),
  timeoutMs: fc.integer({ min: 300, max: 600 }),
  totalTimeoutMs: fc.option(fc.integer({ min: 400, max: 2500 }), { nil: undefined, freq: 4 }),
  allowRedirects: fc.boolean(),
  provider: fc.boolean(),
  providerFails: fc.boolean(),
  apiKey: fc.boolean(),
  debugLogger: fc.boolean(),
  maxRetryAfterMs: fc.constantFrom(undefined, 0, 1000, 5000),
  retry500: fc.boolean(),
  forceClose: fc.boolean(),
  maxRedirects: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined, freq: 2 }),
  closeMidway: fc.constantFrom(
    'none' as const,
    'none' as const,
    'none' as const,
    'graceful' as const,
    'force' as const,
  ),
  script: fc
    .tuple(fc.array(goOnArb, { maxLength: 4 }), fc.array(stepArb, { minLength: 1, maxLength: 2 }))
    .map(([first, then]) => [...first, ...then]),
});

// ---------------------------------------------------------------------------------------------------------------
// The model: which request may (and, without a total deadline, must) follow which answer.

type Continuation = 'hop' | 'replay' | 'retry' | 'none';

/** The delay a Retry-After asks for, in ms (SPEC 3.8: digits or an HTTP-date; anything else is ignored). */
function requestedDelayMs(kind: RetryAfterKind): { min: number; max: number } | undefined {
  switch (kind) {
    case 'seconds-0':
    case 'past-date':
      return { min: 0, max: 0 };
    case 'seconds-1':
      return { min: 1000, max: 1000 };
    case 'seconds-2':
      return { min: 2000, max: 2000 };
    case 'date+3s':
      // Now + 3 s written with whole seconds: between 2 and 3 s ahead when sent, a little less when read.
      return { min: 1500, max: 3000 };
    case 'huge':
      return { min: 1e15, max: Number.POSITIVE_INFINITY };
    default:
      return undefined;
  }
}

interface Walk {
  /** Why each request was followed by the next one, for the problems found. */
  readonly problems: string[];
  readonly retries: number;
  /** Retries caused by a Retry-After the client had to honour, with the delay asked for. */
  readonly requested: Array<{ index: number; min: number; max: number } | undefined>;
  readonly attempts: number;
}

/** SPEC 3.6 / 3.8: how an answer may be followed for this call, given the state so far. */
function continuation(
  c: Case,
  step: Step,
  state: { attempt: number; replayed: boolean; hops: number },
  retryCodes: ReadonlySet<number>,
): { kind: Continuation; delay?: { min: number; max: number } } {
  const maxAttempts = c.retry + 1;
  const maxRetryAfterMs = c.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const idempotent = IDEMPOTENT.has(c.method) || c.retryNonIdempotent;
  const left = state.attempt < maxAttempts;
  switch (step.kind) {
    case 'redirect':
      // SPEC 3.6: followed by the REST layer when allowRedirects is on (every Location generated is usable),
      // up to maxRedirects hops per attempt (default 10).
      return { kind: c.allowRedirects && state.hops < (c.maxRedirects ?? 10) ? 'hop' : 'none' };
    case 'unauthorized':
      // SPEC 3.3: a 401 triggers at most one forced refresh and one replay per call, when a provider exists.
      // SPEC 3.3: a provider failure rejects the call and nothing is sent.
      return { kind: c.provider && !c.providerFails && !state.replayed ? 'replay' : 'none' };
    case 'status':
      // SPEC 3.6: a retry code is retried while attempts remain; POST/PATCH only on 429/503 unless opted in.
      return {
        kind:
          retryCodes.has(step.status) && (idempotent || step.status === 429 || step.status === 503) && left
            ? 'retry'
            : 'none',
      };
    case 'retry-after': {
      // SPEC 3.6: 429/503 retry POST/PATCH too; a Retry-After above maxRetryAfterMs is not slept (fail at once).
      const delay = requestedDelayMs(step.retryAfter);
      if (!left || (delay !== undefined && delay.min > maxRetryAfterMs)) return { kind: 'none' };
      return delay === undefined ? { kind: 'retry' } : { kind: 'retry', delay };
    }
    case 'reset-before':
    case 'stall':
      // SPEC 3.8: refused/reset/closed before any response byte, and timeouts, retried for idempotent methods.
      return { kind: idempotent && left ? 'retry' : 'none' };
    default:
      // SPEC 3.8: nothing is retried once the status line arrived unless its status is a retry code; a body cut
      // short or too slow, a reset after the status line, a 2xx: the call ends.
      return { kind: 'none' };
  }
}

function walk(c: Case, seen: readonly SeenRequest[], retryCodes: ReadonlySet<number>): Walk {
  const problems: string[] = [];
  const state = { attempt: 1, replayed: false, hops: 0 };
  let retries = 0;
  const requested: Walk['requested'] = [];
  for (const [index, request] of seen.entries()) {
    const next = continuation(c, request.step, state, retryCodes);
    const hasNext = index + 1 < seen.length;
    if (hasNext) {
      if (next.kind === 'none')
        problems.push(
          `request ${index + 2} was sent after a ${describeStep(request.step)} that ends the call`,
        );
      if (next.kind === 'retry') {
        retries++;
        state.attempt++;
        requested.push(next.delay === undefined ? undefined : { index, ...next.delay });
      }
      if (next.kind === 'replay') state.replayed = true;
      state.hops = next.kind === 'hop' ? state.hops + 1 : 0;
    } else if (next.kind !== 'none' && c.totalTimeoutMs === undefined && c.closeMidway === 'none') {
      // Without a total deadline or a close() nothing may stop a continuation the SPEC asks for.
      problems.push(`the call stopped after a ${describeStep(request.step)} that calls for a ${next.kind}`);
    }
  }
  return { problems, retries, requested, attempts: state.attempt };
}

function describeStep(step: Step): string {
  return JSON.stringify(step);
}

// ---------------------------------------------------------------------------------------------------------------
// Running one case.

interface Observed {
  readonly seen: SeenRequest[];
  readonly result: { ok: true; value: unknown } | { ok: false; error: unknown } | { hung: true };
  readonly elapsedMs: number;
  readonly sleeps: number[];
  readonly logs: string[];
  readonly openSocketsAfterClose: number;
  /** Timers REST left behind after close() (SPEC 3.7: no timers or sockets remain). */
  readonly timersLeft: number;
  /** Requests the server had seen when a midway close() resolved, and ms from then until the call settled. */
  readonly seenAtClose: number | undefined;
  readonly settledAfterCloseMs: number | undefined;
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

async function run(c: Case, kind: TransportKind): Promise<Observed> {
  const timersBefore = activeTimers();
  const server: ScriptServer = await startScriptServer(c.script, PASSWORD);
  const sleeps: number[] = [];
  const logs: string[] = [];
  const log =
    (level: string) =>
    (...args: unknown[]) =>
      void logs.push(`${level} ${inspect(args, { depth: Number.POSITIVE_INFINITY })}`);
  let tokens = 0;
  const config: ClientConfig = {
    baseUrl: `${server.originA}/api`,
    retry: c.retry,
    retryWait: 0,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      signal?.throwIfAborted();
    },
    retryNonIdempotent: c.retryNonIdempotent,
    timeoutMs: c.timeoutMs,
    allowRedirects: c.allowRedirects,
    logger: c.debugLogger
      ? { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') }
      : { warn: log('warn'), error: log('error') },
    ...(c.totalTimeoutMs === undefined ? {} : { totalTimeoutMs: c.totalTimeoutMs }),
    ...(c.maxRedirects === undefined ? {} : { maxRedirects: c.maxRedirects }),
    ...(c.maxRetryAfterMs === undefined ? {} : { maxRetryAfterMs: c.maxRetryAfterMs }),
    ...(c.retry500 ? { retryCodes: [429, 500, 503, 504] } : {}),
    ...(c.provider
      ? {
          authToken: (): [string, number] => {
            if (tokens > 0 && c.providerFails) throw new Error('the identity provider is down');
            return [`${TOKEN}-${++tokens}`, 3600];
          },
        }
      : {}),
    ...(c.apiKey ? { extraHeaders: { 'X-Api-Key': API_KEY } } : {}),
    ...(kind === 'fetch' ? { transport: createFetchTransport() } : {}),
  };
  const rest = new REST(config);
  const data = c.withBody && c.method !== 'GET' ? { fuzz: true, n: 1 } : undefined;
  let closing: Promise<void> | undefined;
  let seenAtClose: number | undefined;
  let closedAt: number | undefined;
  if (c.closeMidway !== 'none') {
    server.onRequest = () => {
      server.onRequest = undefined;
      // SPEC 3.7: a graceful close lets the exchange on the wire finish; a forced one aborts it. Started on the
      // next turn (the answer is on its way), and assigned now so the call's end always waits for it.
      closing = new Promise((resolve) => setImmediate(resolve))
        .then(() => rest.close(c.closeMidway === 'force' ? { force: true } : undefined))
        .then(() => {
          seenAtClose = server.seen.length;
          closedAt = performance.now();
        });
    };
  }
  const started = performance.now();
  const call = rest[c.method.toLowerCase() as Lowercase<Method>]('/fuzz', data);
  let hangTimer: ReturnType<typeof setTimeout> | undefined;
  const result = await Promise.race([
    call.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    ),
    new Promise<{ hung: true }>((resolve) => {
      hangTimer = setTimeout(() => resolve({ hung: true }), 20_000);
    }),
  ]);
  clearTimeout(hangTimer);
  const settledAt = performance.now();
  const elapsedMs = settledAt - started;
  await closing;
  const settledAfterCloseMs = closedAt === undefined ? undefined : settledAt - closedAt;
  await (c.forceClose ? rest.close({ force: true }) : rest.close());
  // SPEC 3.7: no socket outlives close() on a transport REST owns. Node's global fetch keeps its own pool
  // (documented), so the check is for the undici transport REST created.
  let openSocketsAfterClose = 0;
  if (kind === 'undici') {
    const until = Date.now() + 3000;
    while (server.openSockets() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    openSocketsAfterClose = server.openSockets();
  }
  const seen = [...server.seen];
  await server.close();
  await new Promise((resolve) => setImmediate(resolve));
  const timersLeft = activeTimers() - timersBefore;
  return {
    seen,
    result,
    elapsedMs,
    sleeps,
    logs,
    openSocketsAfterClose,
    timersLeft,
    seenAtClose,
    settledAfterCloseMs,
  };
}

/** Every text a caller can see of an error: message, toJSON, inspection, and the same for each cause. */
function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    texts.push(inspect(current, { depth: Number.POSITIVE_INFINITY }));
    if (current instanceof Error) texts.push(current.message, current.stack ?? '');
    const toJSON = (current as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function') texts.push(JSON.stringify(toJSON.call(current)));
    current = (current as { cause?: unknown }).cause;
  }
  return texts;
}

/** The typed error each final answer must end in (SPEC 3.5, 3.8). */
function checkOutcome(c: Case, observed: Observed, problems: string[]): void {
  const { result, seen } = observed;
  if ('hung' in result) {
    problems.push('the call never settled (20 s)');
    return;
  }
  const last = seen.at(-1);
  if (last === undefined) {
    problems.push(
      `the server saw no request; the call ${result.ok ? 'resolved' : `failed: ${String(result.error)}`}`,
    );
    return;
  }
  const step = last.step;
  if (!result.ok) {
    const { error } = result;
    const totalBound =
      c.totalTimeoutMs !== undefined &&
      isTimeoutError(error) &&
      error.phase === 'total' &&
      observed.elapsedMs >= c.totalTimeoutMs - 50;
    if (totalBound) return;
    const api = (status: number) => {
      if (!isAPIError(error) || error.statusCode !== status)
        problems.push(`expected APIError ${status} after ${describeStep(step)}, got ${inspect(error)}`);
    };
    switch (step.kind) {
      case 'interim':
        // The rest README (12.3) and the transport README: an unsolicited `100 Continue` is refused by undici's
        // parser (on both transports), a non-retryable NetworkError ERR_BAD_RESPONSE; 102/103 are skipped.
        if (step.code === 100 && isNetworkError(error) && error.code === 'ERR_BAD_RESPONSE') return;
        problems.push(`rejected after a good answer ${describeStep(step)}: ${inspect(error)}`);
        return;
      case 'json':
      case 'no-content':
      case 'empty':
        problems.push(`rejected after a good answer ${describeStep(step)}: ${inspect(error)}`);
        return;
      case 'bad-json':
        // SPEC 3.5: invalid JSON on a 2xx is the parse error, never null.
        if (!isResponseParseError(error) || error.statusCode !== 200)
          problems.push(`expected ResponseParseError 200 for invalid JSON, got ${inspect(error)}`);
        return;
      case 'html':
        if (!isResponseParseError(error) || (error as { code?: unknown }).code !== 'ERR_HTML_RESPONSE')
          problems.push(`expected ResponseParseError ERR_HTML_RESPONSE, got ${inspect(error)}`);
        return;
      case 'status':
      case 'retry-after':
        api(step.status);
        if (step.kind === 'retry-after' && step.retryAfter === 'huge' && isAPIError(error)) {
          const maxAttempts = c.retry + 1;
          if (seen.length < maxAttempts + 5 && error.retryAfterMs === undefined && maxAttempts > 1)
            problems.push('an unslept huge Retry-After is not exposed as retryAfterMs');
        }
        return;
      case 'unauthorized':
        // SPEC 3.3/3.8: the forced refresh after a first 401 failing is an AuthProviderError with its cause.
        if (
          c.provider &&
          c.providerFails &&
          seen.filter((r) => r.step.kind === 'unauthorized').length === 1
        ) {
          if (
            !isAuthProviderError(error) ||
            (error.cause as Error)?.message !== 'the identity provider is down'
          )
            problems.push(`expected AuthProviderError after a failed refresh, got ${inspect(error)}`);
          return;
        }
        api(401);
        return;
      case 'redirect':
        // SPEC 3.8: more hops than maxRedirects is TooManyRedirectsError; a 3xx not followed is its APIError.
        if (c.allowRedirects) {
          if (!isTooManyRedirectsError(error))
            problems.push(`expected TooManyRedirectsError, got ${inspect(error)}`);
          return;
        }
        api(step.status);
        if (isAPIError(error) && !error.location) problems.push('a 3xx APIError without its location');
        return;
      case 'reset-before':
      case 'reset-after-status':
      case 'cut-body':
        if (!isNetworkError(error))
          problems.push(`expected NetworkError after ${step.kind}, got ${inspect(error)}`);
        return;
      case 'stall':
        if (!isTimeoutError(error) || error.phase !== 'headers')
          problems.push(`expected TimeoutError headers after a stall, got ${inspect(error)}`);
        return;
      case 'trickle':
        if (!isTimeoutError(error) || error.phase !== 'body')
          problems.push(`expected TimeoutError body after a trickle, got ${inspect(error)}`);
        return;
    }
    return;
  }
  // SPEC 3.5: a resolved value is the JSON the server sent last, or null for 204/empty.
  if (step.kind === 'interim' && step.code === 100) {
    problems.push(
      `resolved ${inspect(result.value)} after an unsolicited 100 Continue (documented as refused)`,
    );
  } else if (step.kind === 'json' || step.kind === 'interim') {
    const expected = JSON.parse(last.sentJson ?? 'null');
    try {
      expect(result.value).toStrictEqual(expected);
    } catch {
      problems.push(`resolved ${inspect(result.value)}, the server sent ${last.sentJson}`);
    }
  } else if (step.kind === 'no-content' || step.kind === 'empty') {
    if (result.value !== null) problems.push(`resolved ${inspect(result.value)} for ${step.kind}`);
  } else {
    problems.push(`resolved ${inspect(result.value)} after ${describeStep(step)}`);
  }
}

function checkCase(c: Case, observed: Observed): string[] {
  const problems: string[] = [];
  const retryCodes = new Set(c.retry500 ? [429, 500, 503, 504] : [429, 503, 504]);
  const { seen } = observed;
  const model = walk(c, seen, retryCodes);
  problems.push(...model.problems);

  // SPEC 3.6: attempts = retry + 1 (+ one 401 replay with a provider, + the redirect hops followed).
  const hops = c.allowRedirects ? seen.slice(0, -1).filter((r) => r.step.kind === 'redirect').length : 0;
  const bound = c.retry + 1 + (c.provider ? 1 : 0) + hops;
  if (seen.length > bound) problems.push(`the server saw ${seen.length} requests, more than ${bound}`);

  // SPEC 3.6: a POST/PATCH the server received is never sent again unless opted in or the answer was 429/503
  // (or a 401 replay, or a redirect hop): `walk` above holds every request to the answer before it.

  // SPEC 3.6: one sleep per retry, never for a hop or a 401 replay; a Retry-After delay within maxRetryAfterMs.
  if (observed.sleeps.length !== model.retries)
    problems.push(
      `${observed.sleeps.length} sleeps for ${model.retries} retries: ${observed.sleeps.join(',')}`,
    );
  const maxRetryAfterMs = c.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  for (const [index, ms] of observed.sleeps.entries()) {
    const asked = model.requested[index];
    if (asked !== undefined && (ms > maxRetryAfterMs || ms < asked.min - 1000 || ms > asked.max))
      problems.push(`sleep ${index + 1} was ${ms} ms for a Retry-After asking ${asked.min}-${asked.max} ms`);
    if (!(ms >= 0 && ms <= Math.max(2000, maxRetryAfterMs))) problems.push(`sleep ${ms} ms out of bounds`);
  }

  // SPEC 3.8: timeoutMs bounds each exchange (a redirect chain included), totalTimeoutMs the call.
  const exchanges = c.retry + 1 + (c.provider ? 1 : 0);
  const deadline = Math.min(c.totalTimeoutMs ?? Number.POSITIVE_INFINITY, exchanges * c.timeoutMs);
  if (observed.elapsedMs > deadline + 5000)
    problems.push(`settled after ${Math.round(observed.elapsedMs)} ms, bound ${deadline} ms + slack`);

  // SPEC 3.6: a change of origin strips the sensitive headers for the rest of the chain.
  let stripped = false;
  for (const [index, request] of seen.entries()) {
    const previous = seen[index - 1];
    const isHop = c.allowRedirects && previous?.step.kind === 'redirect';
    if (!isHop) stripped = request.port !== 'a';
    else if (request.port !== previous.port) stripped = true;
    if (
      stripped &&
      (request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined)
    )
      problems.push(`request ${index + 1} to another origin carried a credential`);
    if (!isHop && request.port !== 'a') problems.push(`request ${index + 1} started on the other origin`);
    if (!stripped) {
      // SPEC 3.3/3.4: every attempt is signed (a provider's token) and carries the extra headers.
      if (c.provider && !request.headers.authorization?.startsWith(`Bearer ${TOKEN}-`))
        problems.push(`request ${index + 1} was not signed: ${request.headers.authorization}`);
      if (c.apiKey && request.headers['x-api-key'] !== API_KEY)
        problems.push(`request ${index + 1} lost its X-Api-Key`);
    }
    // SPEC 3.3: the replay after a 401 carries a freshly fetched token, not the rejected one.
    if (previous?.step.kind === 'unauthorized' && c.provider && !isHop && index >= 1) {
      const replayed = seen.slice(0, index - 1).some((r) => r.step.kind === 'unauthorized');
      if (!replayed && request.headers.authorization === previous.headers.authorization)
        problems.push(`the replay after a 401 reused the rejected token`);
    }
    // SPEC 3.6/3.8: 303 becomes GET without a body, 301/302 turn POST into GET, other hops keep method and body.
    if (isHop && previous !== undefined) {
      const status = (previous.step as { status: number }).status;
      const toGet = status === 303 || ((status === 301 || status === 302) && previous.method === 'POST');
      const method = toGet ? 'GET' : previous.method;
      const body = toGet ? '' : previous.body;
      if (request.method !== method || request.body !== body)
        problems.push(
          `hop ${index + 1} after ${status} was ${request.method} ${request.body}, not ${method} ${body}`,
        );
    } else if (request.method !== c.method) {
      problems.push(`attempt request ${index + 1} was ${request.method}, not ${c.method}`);
    }
  }

  // SPEC 3.7: once close() resolved no new request goes out, and a forced close settles the call promptly.
  if (observed.seenAtClose !== undefined && seen.length > observed.seenAtClose)
    problems.push(`${seen.length - observed.seenAtClose} requests sent after close() resolved`);
  if (c.closeMidway === 'force' && (observed.settledAfterCloseMs ?? 0) > 2000)
    problems.push(
      `the call settled ${Math.round(observed.settledAfterCloseMs ?? 0)} ms after a forced close()`,
    );
  const released =
    c.closeMidway !== 'none' &&
    'ok' in observed.result &&
    !observed.result.ok &&
    isClientClosedError(observed.result.error);
  // SPEC 3.7/3.8: calls released by close() reject with ClientClosedError; otherwise the normal outcome.
  if (!released) checkOutcome(c, observed, problems);

  // SPEC 3.5/3.8: only the typed classes, never a bare Error/TypeError.
  if ('ok' in observed.result && !observed.result.ok) {
    const { error } = observed.result;
    const typed = [
      isClientClosedError,
      isAPIError,
      isNetworkError,
      isTimeoutError,
      isResponseParseError,
      isTooManyRedirectsError,
      isAuthProviderError,
    ].some((guard) => guard(error));
    if (!typed) problems.push(`an untyped rejection: ${inspect(error)}`);
    // SPEC 5: no secret in the message, toJSON, inspection or any cause.
    for (const text of errorTexts(error))
      for (const secret of SECRETS)
        if (text.includes(secret)) problems.push(`the error shows ${secret}: ${text.slice(0, 600)}`);
  }
  for (const line of observed.logs)
    for (const secret of SECRETS)
      if (line.includes(secret)) problems.push(`a log line shows ${secret}: ${line}`);

  if (observed.timersLeft > 0) problems.push(`${observed.timersLeft} timers left after close()`);
  // SPEC 3.7: no socket left open after close() on the transport REST owns.
  if (observed.openSocketsAfterClose > 0)
    problems.push(`${observed.openSocketsAfterClose} sockets still open after close()`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

/** Cases run first on every seed: the SPEC's sharpest edges, so a sample that misses them still checks them. */
const EXAMPLE_BASE: Case = {
  method: 'GET',
  withBody: false,
  retry: 2,
  retryNonIdempotent: false,
  timeoutMs: 400,
  totalTimeoutMs: undefined,
  allowRedirects: false,
  provider: false,
  providerFails: false,
  apiKey: false,
  debugLogger: false,
  maxRetryAfterMs: undefined,
  retry500: false,
  forceClose: false,
  maxRedirects: undefined,
  closeMidway: 'none',
  script: [],
};
const JSON_OK: Step = { kind: 'json', value: { ok: 1 }, echo: false };
const EXAMPLES: Array<[Case]> = [
  // SPEC 3.6: POST/PATCH are not replayed on 504 (nor on a reset), only on 429/503.
  [
    {
      ...EXAMPLE_BASE,
      method: 'POST',
      withBody: true,
      script: [{ kind: 'status', status: 504, body: 'json', echo: false }, JSON_OK],
    },
  ],
  [{ ...EXAMPLE_BASE, method: 'PATCH', withBody: true, script: [{ kind: 'reset-before' }, JSON_OK] }],
  [
    {
      ...EXAMPLE_BASE,
      method: 'POST',
      withBody: true,
      script: [{ kind: 'status', status: 503, body: 'empty', echo: false }, JSON_OK],
    },
  ],
  // SPEC 3.8: a reset after a status line (even a retry code's) ends the call; one before any byte is retried.
  [{ ...EXAMPLE_BASE, script: [{ kind: 'reset-after-status', status: 503 }, JSON_OK] }],
  [{ ...EXAMPLE_BASE, script: [{ kind: 'reset-before' }, { kind: 'stall' }, JSON_OK] }],
  // SPEC 3.3 + 3.6 + 5: a 401 replay, a cross-origin hop with userinfo, echoed secrets, debug logging.
  [
    {
      ...EXAMPLE_BASE,
      method: 'PUT',
      withBody: true,
      allowRedirects: true,
      provider: true,
      apiKey: true,
      debugLogger: true,
      script: [
        { kind: 'unauthorized', echo: true },
        { kind: 'redirect', status: 307, location: 'userinfo' },
        { kind: 'redirect', status: 303, location: 'other-origin' },
        { kind: 'status', status: 500, body: 'json', echo: true },
      ],
    },
  ],
  [
    {
      ...EXAMPLE_BASE,
      provider: true,
      providerFails: true,
      script: [{ kind: 'unauthorized', echo: true }, JSON_OK],
    },
  ],
  [
    {
      ...EXAMPLE_BASE,
      apiKey: true,
      provider: true,
      script: [{ kind: 'redirect', status: 302, location: 'userinfo' }],
    },
  ],
  // SPEC 5: a hop whose path and query quote the token and the api key, then a failure naming that hop.
  ...(['reset-before', 'reset-after-status', 'cut-body', 'trickle', 'html', 'bad-json'] as const).map(
    (kind): [Case] => [
      {
        ...EXAMPLE_BASE,
        retry: 0,
        allowRedirects: true,
        provider: true,
        apiKey: true,
        debugLogger: true,
        script: [
          { kind: 'redirect', status: 307, location: 'echo' },
          { kind: 'redirect', status: 302, location: 'echo' },
          kind === 'reset-after-status'
            ? { kind, status: 200 }
            : kind === 'html' || kind === 'bad-json'
              ? { kind, echo: true }
              : { kind },
        ],
      },
    ],
  ),
  [
    {
      ...EXAMPLE_BASE,
      provider: true,
      apiKey: true,
      script: [{ kind: 'redirect', status: 308, location: 'echo' }],
    },
  ],
  // SPEC 3.6: a Retry-After above maxRetryAfterMs is not slept; one within it is, exactly.
  [
    {
      ...EXAMPLE_BASE,
      maxRetryAfterMs: 1000,
      script: [{ kind: 'retry-after', status: 429, retryAfter: 'seconds-2' }],
    },
  ],
  [
    {
      ...EXAMPLE_BASE,
      maxRetryAfterMs: 1000,
      script: [{ kind: 'retry-after', status: 503, retryAfter: 'seconds-1' }, JSON_OK],
    },
  ],
  // SPEC 3.8: totalTimeoutMs bounds a stalled call across attempts.
  [
    {
      ...EXAMPLE_BASE,
      retry: 3,
      timeoutMs: 600,
      totalTimeoutMs: 700,
      script: [{ kind: 'stall' }, { kind: 'trickle' }],
    },
  ],
];

const uncaught: unknown[] = [];
const record = (error: unknown) => void uncaught.push(error);
beforeAll(() => {
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
});
afterAll(() => {
  process.off('uncaughtException', record);
  process.off('unhandledRejection', record);
});

for (const kind of ['undici', 'fetch'] as const) {
  test(`property (${kind}): every call against a scripted hostile server keeps REST's call-level invariants`, async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const observed = await run(c, kind);
        const problems = checkCase(c, observed);
        expect(
          problems,
          JSON.stringify(observed.seen.map((r) => [r.port, r.method, r.target, r.step.kind])),
        ).toEqual([]);
        expect(uncaught.splice(0).map(String)).toEqual([]);
      }),
      { numRuns: EXAMPLES.length + NUM_RUNS, examples: EXAMPLES },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(uncaught.map(String)).toEqual([]);
  }, 120_000);
}
