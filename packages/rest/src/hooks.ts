import type { TransportRequest, TransportResponse } from '@meta/transport';

/** The request a hook sees: a fresh copy per attempt, whose headers a `beforeRequest` hook may change. */
export interface HookRequest extends Omit<TransportRequest, 'headers'> {
  headers: Record<string, string>;
}

/** Where in the call a hook runs. */
export interface HookContext {
  /** The 1-based attempt number. */
  readonly attempt: number;
  /** The most attempts this call may make (`retry + 1`). */
  readonly maxAttempts: number;
}

/** What `beforeRetry` is told about the retry it precedes. */
export interface RetryContext extends HookContext {
  /** Why the previous attempt failed: a `RetryException`, `NetworkError` or `TimeoutError`. */
  readonly error: unknown;
  /** How long the client will wait before the next attempt, in milliseconds. */
  readonly delayMs: number;
  /** The request of the failed attempt. */
  readonly request: TransportRequest;
}

/**
 * Hooks into each attempt, at their place in the pipeline (after auth and headers, outside redirects):
 * `beforeRequest` (may edit headers; validated again after it), the exchange and its redirects,
 * `afterResponse` (may read the body), and `beforeRetry` before each backoff. `beforeRequest` and
 * `afterResponse` may throw `RetryException` to ask for a retry (whatever the method: the caller asked); from
 * `beforeRetry` it just lets the planned retry go ahead. A hook that throws anything else fails the call with
 * that error.
 */
export interface RestHooks {
  /**
   * Runs once per attempt (the replay after a 401 included), after auth and headers are settled; redirect hops
   * inherit its edits (sensitive headers are still stripped on a change of origin). Throw `RetryException`
   * (optionally with `retryAfterMs`) to skip this attempt and retry; when attempts run out, the call rejects
   * with that `RetryException`, since no response exists.
   */
  readonly beforeRequest?: ((request: HookRequest, context: HookContext) => void | Promise<void>) | undefined;
  /**
   * Runs for every final response of an attempt (after redirects), before the retry decision. The response's
   * body was already read by the client and can be read once more here (`text()`, `json()`, `bytes()`); a
   * failure's body is the bounded one an `APIError` keeps. Throw `RetryException` (optionally with
   * `retryAfterMs`, capped by `maxRetryAfterMs` like a server's `Retry-After`) to ask for a retry.
   */
  readonly afterResponse?:
    | ((response: TransportResponse, request: TransportRequest, context: HookContext) => void | Promise<void>)
    | undefined;
  /**
   * Runs before each backoff sleep, after the retry warning was logged. A `RetryException` thrown here changes
   * nothing (the retry is already planned); anything else fails the call with what was thrown.
   */
  readonly beforeRetry?: ((context: RetryContext) => void | Promise<void>) | undefined;
}
