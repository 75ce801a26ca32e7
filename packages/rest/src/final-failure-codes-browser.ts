/*
 * `#final-failure-codes` for browsers: a browser's fetch reports every failure as a bare `TypeError` (no code), so
 * no TLS, proxy or undici code can be seen and a transport's `retryable` alone decides. Typed against the Node
 * module, so the two cannot drift apart.
 */
import type * as FinalFailureCodesModule from './final-failure-codes.js';

/** No platform codes in a browser: nothing is final by its code. */
export const isFinalCode: typeof FinalFailureCodesModule.isFinalCode = () => false;
