import { ClientClosedError, type Redactor, TimeoutError } from '@meta/errors';
import { subscribeAbort, unsubscribeAbort } from '@meta/transport/adapter';
import type { PipelineCall } from './pipeline-call.js';
import { MAX_TIMER_MS } from './timer-limit.js';

/** What bounds a wait (backoff or the token provider): the caller's signal, `close()` and the call deadline. */
export interface WaitBounds {
  readonly signal: AbortSignal | undefined;
  readonly closeSignal: AbortSignal;
  /** Epoch milliseconds at which `totalTimeoutMs` passes, if set. */
  readonly deadlineMs: number | undefined;
  readonly totalTimeoutMs: number | undefined;
  readonly clock: () => number;
  readonly method: string;
  readonly url: string;
  readonly redactor: Redactor;
}

/** What a client knows about waits, shared by every call. */
export interface WaitContext {
  readonly closeSignal: AbortSignal;
  readonly totalTimeoutMs: number | undefined;
  readonly clock: () => number;
  /** Reads the client's current redactor (tokens included). */
  readonly redactor: () => Redactor;
}

/** The bounds of a wait made by `call`. */
export function boundsFor(call: PipelineCall, context: WaitContext): WaitBounds {
  return {
    signal: call.callerSignal,
    closeSignal: context.closeSignal,
    deadlineMs: call.deadlineMs,
    totalTimeoutMs: context.totalTimeoutMs,
    clock: context.clock,
    method: call.method,
    url: call.url,
    redactor: context.redactor(),
  };
}

function totalTimeout(bounds: WaitBounds): TimeoutError {
  return new TimeoutError({
    phase: 'total',
    ...(bounds.totalTimeoutMs === undefined ? {} : { timeoutMs: bounds.totalTimeoutMs }),
    method: bounds.method,
    url: bounds.url,
    redactor: bounds.redactor,
  });
}

/**
 * Run `work` until it settles or a bound fires, whichever is first: the caller's abort rejects with
 * `signal.reason`, `close()` with `ClientClosedError`, the deadline with `TimeoutError` (`phase: "total"`).
 * `work` gets a signal that aborts on any of them so a cooperative sleep clears its timer. Only waits use
 * this, never the request path, so its listeners and controller cost nothing per request.
 */
export async function waitWithinBounds<T>(
  bounds: WaitBounds,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const { signal, closeSignal } = bounds;
  if (signal?.aborted) throw signal.reason;
  if (closeSignal.aborted) throw new ClientClosedError('The client was closed while the call was waiting');
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reject!: (reason: unknown) => void;
  const released = new Promise<never>((_resolve, rejectPromise) => {
    reject = rejectPromise;
  });
  const fire = (reason: unknown): void => {
    controller.abort(reason);
    reject(reason);
  };
  // Subscribed through the fan-out, not addEventListener: many calls waiting at once (on one token refresh, say)
  // with one shared signal must not stack listeners on it, nor on the client's close signal.
  const onAbort = { handleEvent: (): void => fire(signal!.reason) };
  const onClose = {
    handleEvent: (): void => fire(new ClientClosedError('The client was closed while the call was waiting')),
  };
  if (signal !== undefined) subscribeAbort(signal, onAbort);
  subscribeAbort(closeSignal, onClose);
  const { deadlineMs } = bounds;
  if (deadlineMs !== undefined) {
    // One timer holds at most 2^31-1 ms: a farther deadline is reached in steps, never fired early.
    const schedule = (): void => {
      const remaining = Math.max(0, deadlineMs - bounds.clock());
      if (remaining > MAX_TIMER_MS) {
        timer = setTimeout(schedule, MAX_TIMER_MS);
        return;
      }
      timer = setTimeout(() => fire(totalTimeout(bounds)), remaining);
    };
    schedule();
  }
  try {
    return await Promise.race([work(controller.signal), released]);
  } finally {
    clearTimeout(timer);
    if (signal !== undefined) unsubscribeAbort(signal, onAbort);
    unsubscribeAbort(closeSignal, onClose);
  }
}
