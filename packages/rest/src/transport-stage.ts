import { ClientClosedError, type Redactor, TimeoutError } from '@meta/errors';
import type { Transport, TransportResponse } from '@meta/transport';
import type { PipelineCall } from './pipeline-call.js';

/** What the transport stage needs from the client. */
export interface TransportStageOptions {
  readonly transport: Transport;
  /** True once `close()` was called: no new exchange starts. */
  readonly isClosed: () => boolean;
  readonly clock: () => number;
  readonly totalTimeoutMs: number | undefined;
  /** Reads the client's current redactor (tokens included). */
  readonly redactor: () => Redactor;
}

/**
 * The end of the pipeline: hand `call.request` to the transport. No exchange starts on a closed client or for an
 * aborted call; with `totalTimeoutMs` the exchange's deadline is shortened to what is left of it, and the call
 * records that the total deadline is the one that binds (the deadline policy then reports `phase: "total"`).
 */
export function createTransportStage(
  options: TransportStageOptions,
): (call: PipelineCall) => Promise<TransportResponse> {
  const { transport, clock } = options;
  return (call) => {
    if (options.isClosed()) {
      return Promise.reject(new ClientClosedError('The client was closed before this request could be sent'));
    }
    if (call.signal?.aborted) return Promise.reject(call.signal.reason);
    const request = call.request!;
    if (call.deadlineMs === undefined) return transport.send(request);
    const remainingMs = call.deadlineMs - clock();
    if (remainingMs <= 0) {
      const { method, url } = request;
      const timeoutMs = options.totalTimeoutMs ?? 0;
      const redactor = options.redactor();
      return Promise.reject(new TimeoutError({ phase: 'total', timeoutMs, method, url, redactor }));
    }
    call.totalDeadlineBinds = remainingMs < (request.timeoutMs ?? Number.POSITIVE_INFINITY);
    return transport.send(
      call.totalDeadlineBinds ? { ...request, timeoutMs: Math.ceil(remainingMs) } : request,
    );
  };
}
