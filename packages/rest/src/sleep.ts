import { subscribeAbort, unsubscribeAbort } from '@meta/transport/adapter';
import { MAX_TIMER_MS } from './timer-limit.js';

/**
 * The default backoff sleep: one timer at a time, never longer than 2^31-1 ms (longer timers fire at once in
 * Node and browsers), cleared as soon as `signal` aborts so no timer outlives a closed client.
 */
export function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    let remaining = Math.max(0, ms);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Through the transport's abort fan-out, like every other abort listener of the client.
    const onAbort = {
      handleEvent: (): void => {
        clearTimeout(timer);
        resolve();
      },
    };
    const schedule = (): void => {
      const step = Math.min(remaining, MAX_TIMER_MS);
      remaining -= step;
      timer = setTimeout(() => {
        if (remaining > 0) return schedule();
        unsubscribeAbort(signal, onAbort);
        resolve();
      }, step);
    };
    subscribeAbort(signal, onAbort);
    schedule();
  });
}
