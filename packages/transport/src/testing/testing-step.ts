import type { TimeoutPhase } from '@meta/errors';
import type { TransportRequest } from '../transport.js';

/** A scripted response. `body` may be text, bytes, or any other value (sent as JSON). */
export interface TestingResponseInit {
  /** @default 200 */
  readonly status?: number | undefined;
  /** @default the standard reason phrase for `status`, or `""` */
  readonly statusText?: string | undefined;
  /** A record (arrays for repeated headers) or name/value pairs. A JSON `body` adds `content-type`. */
  readonly headers?:
    | Readonly<Record<string, string | readonly string[]>>
    | ReadonlyArray<readonly [string, string]>;
  /** The body: a string or bytes verbatim, anything else as JSON. @default empty */
  readonly body?: unknown;
  /** Wait this long (through the transport's `sleep`) before answering. @default 0 */
  readonly delayMs?: number | undefined;
}

/**
 * A scripted network failure: rejects with the `NetworkError` a real adapter gives for this code: its stable form
 * (`UND_ERR_SOCKET` and `EPIPE` are `ECONNRESET`, an llhttp code is `HPE_INVALID_RESPONSE`), and `retryable`
 * false for TLS codes, `ERR_PROXY_TUNNEL`, `ERR_FORBIDDEN_PORT` and `ERR_BAD_RESPONSE`.
 */
export interface TestingNetworkFailure {
  readonly fail: 'network';
  /** @default 'ECONNRESET' */
  readonly code?: string | undefined;
  /**
   * False when the failure came after response bytes. A code that itself means bytes arrived (a parser code such
   * as `HPE_INVALID_RESPONSE`, `ERR_BAD_RESPONSE`) is never before the response, as on the real adapters.
   * @default true
   */
  readonly beforeResponse?: boolean | undefined;
  /** The proxy's status for `code: 'ERR_PROXY_TUNNEL'` (a refused `CONNECT`), as the undici transport sets it. */
  readonly proxyStatus?: number | undefined;
  /** @default 0 */
  readonly delayMs?: number | undefined;
}

/** A scripted timeout: rejects with `TimeoutError` in this phase, with the request's `timeoutMs`. */
export interface TestingTimeoutFailure {
  readonly fail: 'timeout';
  /** @default 'headers' */
  readonly phase?: TimeoutPhase | undefined;
  /** @default 0 */
  readonly delayMs?: number | undefined;
}

/**
 * A scripted hang: never answers, so the exchange ends only when the request's signal aborts (rejecting with its
 * reason) or its `timeoutMs` passes (rejecting with `TimeoutError` in the headers phase).
 */
export interface TestingHang {
  readonly fail: 'hang';
}

/** A scripted abort: rejects as if the caller had aborted, with `reason` or a platform `AbortError`. */
export interface TestingAbort {
  readonly fail: 'abort';
  readonly reason?: unknown;
  /** @default 0 */
  readonly delayMs?: number | undefined;
}

/** One scripted outcome. */
export type TestingStep =
  | TestingResponseInit
  | TestingNetworkFailure
  | TestingTimeoutFailure
  | TestingHang
  | TestingAbort;

/** Routes a request to its outcome: a step, a standard `Response`, or a promise of either. */
export type TestingHandler = (
  request: TransportRequest,
) => TestingStep | Response | Promise<TestingStep | Response>;
