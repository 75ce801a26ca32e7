/** The live exchanges of one origin still waiting for undici to start them. */
export interface QueuedOrigin {
  readonly origin: string;
  queued: number;
}

/**
 * How many live exchanges each request origin has queued in undici, so a deadline can tell whether a connection
 * attempt still has anyone waiting for it. An exchange keeps the {@link QueuedOrigin} it entered with, so leaving
 * is one decrement; the last origin used is remembered, so a client talking to one server (REST) enters with one
 * string comparison instead of two `Map` operations per request. Origins with nothing queued are dropped, so the
 * map never grows with the number of servers a long-lived transport has talked to.
 */
export class QueueCounts {
  readonly #byOrigin = new Map<string, QueuedOrigin>();
  #last: QueuedOrigin | undefined;

  /** One more exchange queued for `origin`; pass the result to {@link leave}. */
  enter(origin: string): QueuedOrigin {
    let entry = this.#last;
    if (entry === undefined || entry.origin !== origin) {
      if (entry !== undefined && entry.queued === 0) this.#byOrigin.delete(entry.origin);
      entry = this.#byOrigin.get(origin);
      if (entry === undefined) {
        entry = { origin, queued: 0 };
        this.#byOrigin.set(origin, entry);
      }
      this.#last = entry;
    }
    entry.queued++;
    return entry;
  }

  /** The exchange that entered with `entry` is no longer queued (started, or given up). */
  leave(entry: QueuedOrigin): void {
    entry.queued--;
    // The remembered origin stays (it is the likely next one); it goes when another origin replaces it.
    if (entry.queued === 0 && entry !== this.#last) this.#byOrigin.delete(entry.origin);
  }

  /** True while a live exchange to any origin is still queued. */
  anyQueued(): boolean {
    for (const entry of this.#byOrigin.values()) if (entry.queued > 0) return true;
    return false;
  }

  /** True while a live exchange to `origin` is still queued. */
  isQueued(origin: string): boolean {
    return (this.#byOrigin.get(origin)?.queued ?? 0) > 0;
  }
}
