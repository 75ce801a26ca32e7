import { isMetaError, NetworkError, type Redactor, TimeoutError, type TimeoutPhase } from '@meta/errors';
// The codes and their stable forms come from `#platform-failure` too: a browser's fetch reports none, so a browser
// bundle carries none of the code tables (error-codes.ts).
import {
  isPermanentFailureCode,
  platformCode,
  platformFailure,
  responseArrived,
  stableCode,
} from '#platform-failure';

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
 * Turn whatever the platform threw into the `@meta` error for it: `@meta` errors pass through; undici timeouts become
 * {@link TimeoutError}, zlib failures `ResponseParseError` (see platform-failure.ts); everything else is a
 * {@link NetworkError} with the stable code, the redacted target in its message and the original in `cause`.
 */
export function mapTransportError(error: unknown, context: FailureContext): Error {
  if (isMetaError(error)) return error;
  const code = platformCode(error);
  const special = platformFailure(error, code, context);
  if (special !== undefined) return special;
  return new NetworkError({
    code: stableCode(code),
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
