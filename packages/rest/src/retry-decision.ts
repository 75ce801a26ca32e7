import type { ExponentialBackoff } from './client-config.js';
import { MAX_TIMER_MS } from './timer-limit.js';

/** Methods that may be replayed safely (RFC 9110 section 9.2.2). */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Statuses on which POST and PATCH are replayed without opting in: the server says it did not act. */
const NON_IDEMPOTENT_SAFE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/** The ceiling of the network-failure backoff (SPEC 3.6 v2): `min(2000, 250 × 2^(attempt-1))` ms. */
export const NETWORK_BACKOFF_CAP_MS = 2000;
/** The first network-failure backoff ceiling, doubled per attempt. */
export const NETWORK_BACKOFF_BASE_MS = 250;

/**
 * Why an attempt failed, as the retry decision sees it:
 * - `status`: a response arrived (`status` is set); retried when its status is a retry code.
 * - `connection`: refused, reset, socket closed before a response, connect timeout: the fast network backoff.
 * - `timeout`: the server accepted the request but no response came in time: the normal backoff.
 * - `hook`: an `afterResponse` hook threw `RetryException`: retried while attempts remain.
 * - `final`: a failure a replay cannot fix (TLS, proxy tunnel, forbidden port, bad input, a body cut short).
 */
export type FailureClass = 'status' | 'connection' | 'timeout' | 'hook' | 'final';

/** Everything the decision depends on. Pure data: the clock and the random sample are read by the caller. */
export interface RetryQuestion {
  readonly failure: FailureClass;
  /** The response status, for `status` and `hook` failures. */
  readonly status?: number | undefined;
  readonly method: string;
  /** The 1-based attempt that failed. */
  readonly attempt: number;
  readonly maxAttempts: number;
  readonly retryNonIdempotent: boolean;
  readonly retryCodes: ReadonlySet<number>;
  /** A delay the server (`Retry-After`) or a hook (`RetryException.retryAfterMs`) asked for, in ms. */
  readonly requestedDelayMs?: number | undefined;
  /** The most a requested delay may be; above it the call fails at once (SPEC 3.6). Computed backoffs ignore it. */
  readonly maxRetryAfterMs: number;
  /** Milliseconds left before `totalTimeoutMs`, or `undefined` when the call has no total deadline. */
  readonly remainingMs?: number | undefined;
  /** Linear `retryWait × attempt` (Python) or exponential backoff for responses and timeouts. */
  readonly backoff: 'linear' | ExponentialBackoff;
  readonly retryWaitMs: number;
  /** A sample in [0, 1) for jitter. */
  readonly randomSample: number;
}

/** Why a call stops retrying. */
export type StopReason =
  | 'not-retryable'
  | 'method-not-idempotent'
  | 'attempts-exhausted'
  | 'retry-after-too-long'
  | 'deadline';

/** The answer: wait `delayMs`, then retry; or stop and fail with the last error. */
export type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: StopReason };

function stop(reason: StopReason): RetryDecision {
  return { retry: false, reason };
}

function clampSample(sample: number): number {
  return Number.isFinite(sample) ? Math.min(Math.max(sample, 0), 1) : 0.5;
}

/** The backoff for responses and timeouts when nobody named a delay. */
function backoffDelay(question: RetryQuestion): number {
  const { backoff, retryWaitMs, attempt } = question;
  if (backoff === 'linear') return retryWaitMs * attempt;
  const ceiling = Math.min(backoff.maxDelayMs ?? 60_000, retryWaitMs * 2 ** (attempt - 1));
  return backoff.jitter === 'none' ? ceiling : Math.floor(ceiling * clampSample(question.randomSample));
}

/** Full-jitter exponential backoff for connection failures, so a dead server fails in seconds (SPEC 3.6 v2). */
export function networkBackoffMs(attempt: number, randomSample: number): number {
  const ceiling = Math.min(NETWORK_BACKOFF_CAP_MS, NETWORK_BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.floor(ceiling * clampSample(randomSample));
}

/** True when this failure may be replayed for this method (SPEC 3.6: POST/PATCH only on 429/503 by default). */
function methodAllows(question: RetryQuestion): boolean {
  if (question.retryNonIdempotent || IDEMPOTENT_METHODS.has(question.method)) return true;
  return question.failure === 'status' && NON_IDEMPOTENT_SAFE_STATUSES.has(question.status ?? 0);
}

/**
 * THE retry decision of the client, in one pure function: given how an attempt failed, may the call try again,
 * and after how long? Delays a server or hook asked for above `maxRetryAfterMs` are not slept (stop at once);
 * a computed backoff is the configured one (`retryWait × attempt`, SPEC 3.6, as Python), never cut at that cap;
 * every delay stops at the timer limit, and one that would pass the total deadline is not slept.
 */
export function decideRetry(question: RetryQuestion): RetryDecision {
  const { failure } = question;
  if (failure === 'final') return stop('not-retryable');
  if (failure === 'status' && !question.retryCodes.has(question.status ?? 0)) return stop('not-retryable');
  if (failure !== 'hook' && !methodAllows(question)) return stop('method-not-idempotent');
  if (question.attempt >= question.maxAttempts) return stop('attempts-exhausted');
  let delayMs: number;
  const requested = failure === 'status' || failure === 'hook' ? question.requestedDelayMs : undefined;
  if (requested !== undefined) {
    if (requested > question.maxRetryAfterMs) return stop('retry-after-too-long');
    delayMs = requested;
  } else if (failure === 'connection') {
    delayMs = networkBackoffMs(question.attempt, question.randomSample);
  } else {
    delayMs = backoffDelay(question);
  }
  delayMs = Math.min(Math.max(0, delayMs), MAX_TIMER_MS);
  if (question.remainingMs !== undefined && delayMs >= question.remainingMs) return stop('deadline');
  return { retry: true, delayMs };
}
