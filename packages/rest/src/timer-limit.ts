/** The largest delay a JavaScript timer can hold: 2^31-1 ms. Longer timers fire at once in Node and browsers. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A duration a single timer can hold: at most {@link MAX_TIMER_MS}. Deadlines handed to a transport pass through
 * it, so a huge `timeoutMs` means "about 24.8 days" instead of a timer that overflows and fires at once.
 */
export function capToTimerLimit(milliseconds: number): number {
  return Math.min(milliseconds, MAX_TIMER_MS);
}
