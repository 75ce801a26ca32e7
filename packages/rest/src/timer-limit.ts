/**
 * The timer cap has one home, `@meta/transport/adapter` (shared with the transports): a JavaScript timer holds at
 * most 2^31-1 ms, and longer ones fire at once in Node and browsers. Re-exported under the names REST uses:
 * `MAX_TIMER_MS`, and `capToTimerLimit` for deadlines (a huge `timeoutMs` means "about 24.8 days", never "now").
 */
export { MAX_TIMER_DELAY_MS as MAX_TIMER_MS, timerDelay as capToTimerLimit } from '@meta/transport/adapter';
