import { isNetworkError, isRetryException, isTimeoutError } from '@meta/errors';
import { isFinalCode } from '#final-failure-codes';
import type { FailureClass } from './retry-decision.js';

/**
 * How an error thrown by an attempt counts for the retry decision. A `NetworkError` before any response byte is
 * a connection failure unless the transport marked it `retryable: false` or its code says a replay cannot help;
 * one after the status line arrived is final (SPEC 3.8: nothing is retried once the status line arrived). A
 * connect timeout is a connection failure; a headers timeout a slow server. A `RetryException` thrown before a
 * response (by a `beforeRequest` hook) asks for a retry, like one thrown by `afterResponse`; anything else is final.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (isRetryException(error)) return 'hook';
  if (isNetworkError(error)) {
    // `retryable: false` is the transport saying a replay cannot help (a TLS alert, a refused proxy tunnel); the
    // codes are checked too, for third-party transports that do not set it (not in a browser, whose fetch reports
    // no codes: see final-failure-codes.ts).
    if (!error.beforeResponse || error.retryable === false || isFinalCode(String(error.code))) return 'final';
    return 'connection';
  }
  if (isTimeoutError(error)) {
    if (error.phase === 'connect') return 'connection';
    return error.phase === 'headers' ? 'timeout' : 'final';
  }
  return 'final';
}
