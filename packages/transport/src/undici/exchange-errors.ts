import { NetworkError, type Redactor, ResponseParseError, ResponseTooLargeError } from '@meta/errors';
import { attemptTimeout } from '../map-transport-error.js';
import type { ConnectionTracker } from './connection-tracker.js';
import { mapUndiciFailure } from './undici-failure.js';

/**
 * Where an exchange is: waiting for a connection (`queued`), written (`started`), reading the body of the final
 * response (`receiving`), or settled (`done`, `failed`). The one state value every handler callback checks.
 */
export type ExchangeState = 'queued' | 'started' | 'receiving' | 'done' | 'failed';

/** What the errors of one exchange name: its request, the status once known, its deadline and byte limit. */
export interface ExchangeTarget {
  readonly method: string;
  readonly url: string;
  readonly redactor: Redactor | undefined;
  /** 0 until the final response's headers arrived. */
  readonly status: number;
  readonly timeoutMs: number | undefined;
  /** The most decoded body bytes the exchange accepts. */
  readonly limit: number;
  /** True once the first byte of a response (an interim one included) arrived: undici's `onResponseStarted`. */
  readonly responseBegan?: boolean;
}

/** The target as errors take it; `statusCode` is only read by errors raised after the headers arrived. */
export function errorContext(target: ExchangeTarget): {
  method: string;
  url: string;
  statusCode: number;
  redactor?: Redactor;
} {
  return {
    method: target.method,
    url: target.url,
    statusCode: target.status,
    ...(target.redactor ? { redactor: target.redactor } : {}),
  };
}

function deadlineOf(target: ExchangeTarget): { timeoutMs?: number } {
  return target.timeoutMs === undefined ? {} : { timeoutMs: target.timeoutMs };
}

/** A response whose framing cannot be read exactly. Response bytes arrived: never a connection failure, never replayed. */
export function framingError(
  target: ExchangeTarget,
  reason: string,
  code: string,
  cause?: unknown,
): NetworkError {
  const { statusCode: _statusCode, ...request } = errorContext(target);
  return new NetworkError({
    ...request,
    code,
    message: reason,
    beforeResponse: false,
    ...(cause === undefined ? {} : { cause }),
  });
}

/** The body is (or is known to become) larger than the exchange accepts. */
export function tooLargeError(target: ExchangeTarget): ResponseTooLargeError {
  return new ResponseTooLargeError({ ...errorContext(target), limitBytes: target.limit });
}

/** zlib refused the body's content coding. */
export function decodeError(target: ExchangeTarget, cause: Error): ResponseParseError {
  return new ResponseParseError({
    ...errorContext(target),
    message: 'the response body could not be decoded',
    cause,
  });
}

/** The attempt's deadline passed in `state` (never `done` or `failed`: a settled exchange has no timer). */
export function deadlineError(target: ExchangeTarget, state: ExchangeState): Error {
  const phase = state === 'queued' ? 'connect' : state === 'started' ? 'headers' : 'body';
  return attemptTimeout(phase, { ...errorContext(target), ...deadlineOf(target) });
}

/** What a failure reported in `state` becomes: the @meta error for it, or the caller's abort reason as-is. */
export function exchangeFailure(
  target: ExchangeTarget,
  error: unknown,
  state: ExchangeState,
  signal: AbortSignal | undefined,
  tracker: ConnectionTracker | undefined,
): unknown {
  if (signal?.aborted && error === signal.reason) return error;
  return mapUndiciFailure(error, {
    ...errorContext(target),
    ...deadlineOf(target),
    // A head cut short (a reset after the status line) came after response bytes: never replayed (SPEC 3.8).
    beforeResponse: (state === 'queued' || state === 'started') && target.responseBegan !== true,
    tlsFailure: tracker?.tlsFailureOf(error),
  });
}
