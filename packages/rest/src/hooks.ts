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
 * Hooks into each attempt. Hooks run in order: `beforeRequest` (may edit headers; validated again after it),
 * the exchange, `afterResponse` (may throw `RetryException` to ask for a retry), and `beforeRetry` before each
 * backoff. A hook that throws anything else fails the call with that error.
 */
export interface RestHooks {
  /** Runs before every attempt and redirect hop, after auth and headers are settled. */
  readonly beforeRequest?: ((request: HookRequest, context: HookContext) => void | Promise<void>) | undefined;
  /** Runs for every final response (after redirects), before the status is judged. */
  readonly afterResponse?:
    | ((response: TransportResponse, request: TransportRequest, context: HookContext) => void | Promise<void>)
    | undefined;
  /** Runs before each backoff sleep. */
  readonly beforeRetry?: ((context: RetryContext) => void | Promise<void>) | undefined;
}
