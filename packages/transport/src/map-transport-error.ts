import { isMetaError, NetworkError, type Redactor, TimeoutError, type TimeoutPhase } from '@meta/errors';
import { isPermanentFailureCode, platformFailure, responseArrived } from '#platform-failure';

/** Which exchange failed and how far it got, for the error message and `beforeResponse`. */
export interface FailureContext {
  readonly method: string;
  readonly url: string;
  readonly redactor?: Redactor | undefined;
  /** True while no response byte has arrived. */
  readonly beforeResponse: boolean;
  /** The status, once the headers arrived (for decoding errors). */
  readonly statusCode?: number | undefined;
  /** The per-attempt deadline, for timeout messages. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Codes that all mean "the peer closed or reset the connection". Each adapter reports these differently (Node's
 * fetch says `UND_ERR_SOCKET`, a write after a reset says `EPIPE`), so both map them to one stable code,
 * `ECONNRESET`, and keep the platform's error in `cause`. `beforeResponse` tells the two situations apart.
 */
const RESET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

/**
 * The code undici's HTTP parser errors get when undici reports none (some llhttp failures, such as a response
 * that does not start with `HTTP/`, arrive without a code).
 */
export const PARSER_ERROR_CODE = 'HPE_INVALID_RESPONSE';

/** The first `code` found on the error or its causes (fetch wraps the real error in a `TypeError`). */
export function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if ((current as { name?: unknown }).name === 'HTTPParserError') return PARSER_ERROR_CODE;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The stable code a platform code maps to (see the error table in the README). */
export function stableNetworkCode(code: string | undefined): string {
  if (code === undefined) return 'ERR_NETWORK';
  return RESET_CODES.has(code) ? 'ECONNRESET' : code;
}

/**
 * Turn whatever the platform threw into the `@meta` error for it: `@meta` errors pass through; undici timeouts become
 * {@link TimeoutError}, zlib failures `ResponseParseError` (see platform-failure.ts); everything else is a
 * {@link NetworkError} with the stable code, the redacted target in its message and the original in `cause`.
 */
export function mapTransportError(error: unknown, context: FailureContext): Error {
  if (isMetaError(error)) return error;
  const code = findErrorCode(error);
  const special = platformFailure(error, code, context);
  if (special !== undefined) return special;
  return new NetworkError({
    code: stableNetworkCode(code),
    message: describeCause(error),
    method: context.method,
    url: context.url,
    cause: error,
    beforeResponse: context.beforeResponse && !responseArrived(code),
    retryable: !isPermanentFailureCode(code),
    ...(context.redactor ? { redactor: context.redactor } : {}),
  });
}

/** A short reason for the message: the innermost platform message (fetch's own is only "fetch failed"). */
function describeCause(error: unknown): string {
  let current: unknown = error;
  let message = 'network error';
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const text = (current as { message?: unknown }).message;
    if (typeof text === 'string' && text !== '' && text !== 'fetch failed') message = text;
    current = (current as { cause?: unknown }).cause;
  }
  return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}

/** The deadline error for an attempt that ran out of time in `phase`. */
export function attemptTimeout(
  phase: TimeoutPhase,
  context: Omit<FailureContext, 'beforeResponse'>,
): TimeoutError {
  return new TimeoutError({
    phase,
    method: context.method,
    url: context.url,
    ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
    ...(context.redactor ? { redactor: context.redactor } : {}),
  });
}
