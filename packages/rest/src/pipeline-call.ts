import type { APIError } from '@meta/errors';
import type { TransportRequest, TransportResponse } from '@meta/transport';
import type { CallHeaders } from './request-headers.js';
import type { StandardSchemaV1 } from './standard-schema.js';

/**
 * Everything one call carries through the pipeline: prepared (and validated) once before the first attempt,
 * then filled in by the policies as they run. Policies write only the fields their position owns.
 */
export interface PipelineCall {
  readonly method: string;
  /** The validated absolute URL of the first hop. */
  readonly url: string;
  readonly body: string | Uint8Array | undefined;
  readonly contentType: string | undefined;
  readonly callHeaders: CallHeaders | undefined;
  /** The signal handed to the transport: the caller's, the client's force-close signal, or both combined. */
  readonly signal: AbortSignal | undefined;
  /** The caller's own signal (its reason is what an abort rejects with). */
  readonly callerSignal: AbortSignal | undefined;
  /** The per-attempt deadline in milliseconds. */
  readonly timeoutMs: number;
  readonly schema: StandardSchemaV1 | undefined;
  readonly rawData: boolean;
  /** The most attempts this call may make: this call's `retry` (or the client's) + 1. */
  readonly maxAttempts: number;
  readonly retryNonIdempotent: boolean;
  /** Epoch milliseconds at which `totalTimeoutMs` passes; set by the deadline policy. */
  deadlineMs: number | undefined;
  /** True while the current exchange's transport deadline is the call's total deadline, not `timeoutMs`. */
  totalDeadlineBinds: boolean;
  /** The 1-based attempt in progress; advanced by the retry policy. */
  attempt: number;
  /** True once a 401 was replayed: at most one replay per call (SPEC 3.3); set by the auth policy. */
  replayedAfter401: boolean;
  /** The auth header value the current attempt was signed with (`undefined`: none); set by the auth policy. */
  authValue: string | undefined;
  /** The request the next stage sends; set by the headers policy, edited by hooks and redirects. */
  request: TransportRequest | undefined;
}

/** A 2xx response whose body was read in full (`text`), or that has none (`text === undefined`). */
export interface SuccessOutcome {
  readonly kind: 'success';
  readonly request: TransportRequest;
  readonly response: TransportResponse;
  readonly text: string | undefined;
}

/** A followable 3xx while `allowRedirects` is on; its body is not read (the redirect policy cancels it). */
export interface RedirectOutcome {
  readonly kind: 'redirect';
  readonly request: TransportRequest;
  readonly response: TransportResponse;
}

/**
 * A response that is not a success: its `APIError` is built (bounded body read, connection released) but not
 * thrown, so the hooks, the auth policy and the retry policy can each judge it in turn. `retryAfterMs` is a
 * delay the server (or a hook's `RetryException`) asked for; `retryRequested` is set when a hook asked.
 */
export interface FailureOutcome {
  readonly kind: 'failure';
  readonly request: TransportRequest;
  readonly response: TransportResponse;
  readonly error: APIError;
  /** The body as read (bounded), for a hook that reads it. */
  readonly text: string | undefined;
  /** True when `text` is only the first part of a longer body (the rest was not downloaded). */
  readonly textTruncated?: boolean;
  readonly retryAfterMs: number | undefined;
  readonly retryRequested: boolean;
}

/** What every stage of the pipeline resolves with. Transport and policy errors reject instead. */
export type PipelineOutcome = SuccessOutcome | RedirectOutcome | FailureOutcome;

/** The rest of the pipeline, as a policy sees it. */
export type NextStage = (call: PipelineCall) => Promise<PipelineOutcome>;

/** One policy: a name for logs and tests, and `send`, which may act before and after calling `next`. */
export interface PipelinePolicy {
  readonly name: string;
  send(call: PipelineCall, next: NextStage): Promise<PipelineOutcome>;
}
