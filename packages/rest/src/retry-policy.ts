import { isNetworkError, isTimeoutError } from '@meta/errors';
import type { ExponentialBackoff } from './client-config.js';

/** Methods that may be replayed safely (RFC 9110 section 9.2.2). */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/** Statuses on which POST and PATCH are replayed without opting in: the server says it did not act. */
const NON_IDEMPOTENT_SAFE_STATUSES: ReadonlySet<number> = new Set([429, 503]);

/**
 * Failures that a replay cannot fix: the peer's certificate was refused, or the transport refused the request
 * itself (`UND_ERR_INVALID_ARG`). Never retried.
 */
function isUnfixableByReplay(code: string): boolean {
  return (
    code === 'UND_ERR_INVALID_ARG' ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('CERT_') ||
    code.includes('CERT') ||
    code.includes('SELF_SIGNED') ||
    code.startsWith('UNABLE_TO_') ||
    code === 'HOSTNAME_MISMATCH'
  );
}

/** Options of {@link RetryPolicy}, already validated. */
export interface RetryPolicyOptions {
  /** Retries after the first attempt. */
  readonly retry: number;
  /** Linear backoff unit in milliseconds (`retryWait` seconds × 1000). */
  readonly retryWaitMs: number;
  readonly retryCodes: ReadonlySet<number>;
  readonly retryNonIdempotent: boolean;
  readonly backoff: 'linear' | ExponentialBackoff;
  readonly random: () => number;
}

/**
 * Which failures are retried and how long to wait (SPEC 3.6). Attempts = retry + 1. POST and PATCH are replayed
 * only on 429 and 503 unless the caller opts in; network failures only when no response byte arrived, and only
 * for idempotent methods.
 */
export class RetryPolicy {
  static readonly policyName = 'retry';
  readonly maxAttempts: number;
  readonly #options: RetryPolicyOptions;

  constructor(options: RetryPolicyOptions) {
    this.#options = options;
    this.maxAttempts = options.retry + 1;
  }

  /** True when a response with this status may be retried for this method. */
  isRetryableStatus(status: number, method: string, retryNonIdempotent: boolean | undefined): boolean {
    if (!this.#options.retryCodes.has(status)) return false;
    if (IDEMPOTENT_METHODS.has(method) || NON_IDEMPOTENT_SAFE_STATUSES.has(status)) return true;
    return retryNonIdempotent ?? this.#options.retryNonIdempotent;
  }

  /**
   * True when a transport failure may be retried: a `NetworkError` before any response byte (never a TLS
   * verification failure) or a connect/headers `TimeoutError`, for idempotent methods or opted-in calls.
   */
  isRetryableError(error: unknown, method: string, retryNonIdempotent: boolean | undefined): boolean {
    const methodAllows =
      IDEMPOTENT_METHODS.has(method) || (retryNonIdempotent ?? this.#options.retryNonIdempotent);
    if (!methodAllows) return false;
    if (isNetworkError(error)) return error.beforeResponse && !isUnfixableByReplay(String(error.code));
    if (isTimeoutError(error)) return error.phase === 'connect' || error.phase === 'headers';
    return false;
  }

  /** The backoff before attempt `failedAttempt + 1`, in milliseconds, when the server named no delay. */
  backoffMs(failedAttempt: number): number {
    const { backoff, retryWaitMs, random } = this.#options;
    if (backoff === 'linear') return retryWaitMs * failedAttempt;
    const ceiling = Math.min(backoff.maxDelayMs ?? 60_000, retryWaitMs * 2 ** (failedAttempt - 1));
    if (backoff.jitter === 'none') return ceiling;
    const sample = random();
    return Math.floor(ceiling * (Number.isFinite(sample) ? Math.min(Math.max(sample, 0), 1) : 0.5));
  }
}
