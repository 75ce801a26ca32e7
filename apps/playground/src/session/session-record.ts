/** The transports a session can run on. */
export type TransportName = 'fetch' | 'undici';

/** Something the client did about trouble during a step, as the hooks and the token provider saw it. */
export type StepEvent =
  | { readonly kind: 'token-refresh'; readonly reason: string }
  | {
      readonly kind: 'retry';
      readonly attempt: number;
      /** The delay the client chose before the next attempt. */
      readonly delayMs: number;
      /** What failed: the status of a retryable response, or the error name. */
      readonly reason: string;
      /** True when the delay came from the server's `Retry-After`. */
      readonly fromRetryAfter: boolean;
    }
  | { readonly kind: 'redirect-followed'; readonly attempt: number; readonly to: string }
  | { readonly kind: 'replay'; readonly attempt: number; readonly afterStatus: number }
  | { readonly kind: 'redirect-refused'; readonly status: number; readonly location: string };

/** One exchange as the `beforeRequest` hook saw it, redacted. */
export interface SentRequest {
  readonly attempt: number;
  readonly method: string;
  /** Path and query, without the origin (redacted). */
  readonly path: string;
  /** The auth header as sent, redacted to its scheme (`Bearer ****`), or absent. */
  readonly authorization?: string;
  readonly contentType?: string;
}

/** The typed error a step ended with, reduced to what is safe and useful to print. */
export interface StepError {
  readonly name: string;
  readonly code: string | number | undefined;
  readonly statusCode?: number;
  readonly message: string;
  /** `APIError.location` of a refused redirect. */
  readonly location?: string;
  /** `TimeoutError.phase`. */
  readonly phase?: string;
}

/** Everything recorded about one step on one transport. */
export interface StepRecord {
  readonly transport: TransportName;
  readonly index: number;
  readonly id: string;
  readonly title: string;
  /** What the step demonstrates, in one line. */
  readonly shows: string;
  /** The client code the step ran, as printed. */
  readonly code: string;
  /** The client methods the step called, in order (`om.tables.getByName`, `client.get`). */
  readonly calls: readonly string[];
  readonly requests: readonly SentRequest[];
  /** The final HTTP status, from the response or the error. */
  readonly status?: number;
  /** Attempts made (redirect hops do not count). */
  readonly attempts: number;
  readonly elapsedMs: number;
  readonly events: readonly StepEvent[];
  readonly error?: StepError;
  /** A short description of the result, e.g. `2 tables, paging.after set`. */
  readonly summary?: string;
  /** What differed from the step's expectation; empty when the step did what it should. */
  readonly surprises: readonly string[];
  /** Debug and warn lines the client logged during the step (already redacted by the client). */
  readonly logLines: readonly string[];
}

/** One transport's run of the whole session. */
export interface TransportRun {
  readonly transport: TransportName;
  readonly target: string;
  /** What the clients warned about at construction (e.g. a bearer token over plain http), redacted. */
  readonly clientWarnings: readonly string[];
  readonly steps: readonly StepRecord[];
  readonly elapsedMs: number;
}

/** True when every step of every run did what it was expected to do. */
export function allAsExpected(runs: readonly TransportRun[]): boolean {
  return (
    runs.length > 0 &&
    runs.every((run) => run.steps.length > 0 && run.steps.every((step) => step.surprises.length === 0))
  );
}
