import { isNetworkError, isTimeoutError } from '@meta/errors';
import type { FailureClass } from './retry-decision.js';

/**
 * Codes a replay cannot fix: certificate and TLS alert failures (a missing client certificate included), a proxy
 * refusing the tunnel, fetch's refusal of a forbidden port, and the transport refusing the request itself.
 */
const FINAL_CODES: ReadonlySet<string> = new Set([
  'ERR_PROXY_TUNNEL',
  'ERR_FORBIDDEN_PORT',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

function isFinalCode(code: string): boolean {
  return (
    FINAL_CODES.has(code) ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code.includes('SELF_SIGNED') ||
    code.startsWith('UNABLE_TO_')
  );
}

/**
 * How an error thrown by an attempt counts for the retry decision. A `NetworkError` before any response byte is
 * a connection failure unless the transport marked it `retryable: false` or its code says a replay cannot help;
 * one after the status line arrived is final (SPEC 3.8: nothing is retried once the status line arrived). A
 * connect timeout is a connection failure; a headers timeout a slow server; anything else is final.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (isNetworkError(error)) {
    // `retryable: false` is the transport saying a replay cannot help (a TLS alert, a refused proxy tunnel); the
    // codes are checked too, for third-party transports that do not set it.
    if (!error.beforeResponse || error.retryable === false || isFinalCode(String(error.code))) return 'final';
    return 'connection';
  }
  if (isTimeoutError(error)) {
    if (error.phase === 'connect') return 'connection';
    return error.phase === 'headers' ? 'timeout' : 'final';
  }
  return 'final';
}
