import type { ConnectionTracker } from './connection-tracker.js';
import type { DeadlinePool } from './deadline-timers.js';
import type { QueueCounts } from './queue-counts.js';

/** The part of undici's handler controller this adapter uses (undici 7 and 8 agree on it). */
export interface DispatchController {
  abort(reason: Error): void;
}

/** How an exchange stops its request: undici's controller, or the `abort` function of undici 7's `onConnect`. */
export type AbortTarget = DispatchController | ((reason: Error) => void);

/** Stop a started request through whichever handle undici gave for it. */
export function abortWith(target: AbortTarget, reason: Error): void {
  if (typeof target === 'function') target(reason);
  else target.abort(reason);
}

/** The transport state exchanges report to. */
export interface ExchangeOwner {
  /** Requests given up while undici still held them queued (undici can only cancel them once it starts them). */
  abandoned: number;
  /**
   * Live exchanges still queued, per request origin, when the transport can destroy connection attempts nobody
   * waits for. Counts, not a set of handlers: a Set of handler objects cost about 20 us per request.
   */
  readonly queue: QueueCounts | undefined;
  readonly tracker: ConnectionTracker | undefined;
  /** The attempts' deadline timers, reused from one exchange to the next. */
  readonly deadlines: DeadlinePool;
}

/**
 * An exchange to `origin` timed out while queued: a connection attempt no live exchange waits for any more must
 * not outlive it (a stalled TLS handshake). Only a dispatcher whose connections the transport sees has a queue.
 */
export function abandonStalledConnection(owner: ExchangeOwner, origin: string): void {
  const { queue, tracker } = owner;
  if (queue === undefined || tracker === undefined || queue.isQueued(origin)) return;
  tracker.abandonConnecting(origin);
}
