/** The longest delay a JavaScript timer can hold: Node and browsers fire anything longer after 1 ms. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

/**
 * A deadline as a timer can hold it. Longer deadlines (about 24.8 days and more) are capped rather than passed
 * on, because an overflowing timer fires at once and would turn "practically never" into an instant timeout.
 */
export function timerDelay(timeoutMs: number): number {
  return Math.min(timeoutMs, MAX_TIMER_DELAY_MS);
}
