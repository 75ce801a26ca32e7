import { isTimeoutError, type Redactor, TimeoutError } from '@meta/errors';
import type { Transport, TransportRequest, TransportResponse } from '@meta/transport';

/** The call-wide deadline an exchange must respect. */
export interface CallDeadline {
  /** Epoch milliseconds at which `totalTimeoutMs` passes. */
  readonly deadlineMs: number;
  readonly totalTimeoutMs: number;
  readonly clock: () => number;
  readonly redactor: Redactor;
}

/**
 * Send with the attempt timeout shortened to what is left of `totalTimeoutMs`. When the total deadline is the
 * one that binds, the transport's `TimeoutError` becomes `phase: "total"` so callers can tell the two apart.
 */
export async function sendWithinDeadline(
  transport: Transport,
  request: TransportRequest,
  deadline: CallDeadline,
): Promise<TransportResponse> {
  const remainingMs = deadline.deadlineMs - deadline.clock();
  const details = {
    phase: 'total' as const,
    timeoutMs: deadline.totalTimeoutMs,
    method: request.method,
    url: request.url,
    redactor: deadline.redactor,
  };
  if (remainingMs <= 0) throw new TimeoutError(details);
  const totalBinds = remainingMs < (request.timeoutMs ?? Number.POSITIVE_INFINITY);
  try {
    return await transport.send(totalBinds ? { ...request, timeoutMs: Math.ceil(remainingMs) } : request);
  } catch (error) {
    if (totalBinds && isTimeoutError(error)) throw new TimeoutError({ ...details, cause: error });
    throw error;
  }
}
