import { timerDelay } from '@meta/transport/adapter';

/**
 * The timer cap has one home, `@meta/transport/adapter`'s `timerDelay` (shared with the transports): a JavaScript
 * timer holds at most 2^31-1 ms, and longer ones fire at once in Node and browsers. The constant is not exported
 * there (SPEC 9), so REST reads it as the cap of an endless delay. `capToTimerLimit` caps deadlines (a huge
 * `timeoutMs` means "about 24.8 days", never "now").
 */
export const MAX_TIMER_MS = timerDelay(Number.POSITIVE_INFINITY);
export { timerDelay as capToTimerLimit };
