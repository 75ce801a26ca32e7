/*
 * `#platform-failure` for browsers: a browser's fetch reports every failure as a bare `TypeError` (no code, no
 * cause), so no undici timeout, zlib, parser or TLS code can ever be seen and every failure is a plain
 * `NetworkError`. Typed against the Node module, so the two cannot drift apart.
 */
import type * as PlatformFailureModule from './platform-failure.js';

/** No platform code to classify: the caller reports a plain `NetworkError`. */
export const platformFailure: typeof PlatformFailureModule.platformFailure = () => undefined;

/** No parser or framing codes in a browser: whether a response arrived is the caller's context alone. */
export const responseArrived: typeof PlatformFailureModule.responseArrived = () => false;

/** No TLS codes in a browser: a failure without a response may be replayed. */
export const isPermanentFailureCode: typeof PlatformFailureModule.isPermanentFailureCode = () => false;

/** A browser's fetch reports no code: nothing to find. */
export const platformCode: typeof PlatformFailureModule.platformCode = () => undefined;

/** Every browser failure is the one stable code for a failure without a platform code. */
export const stableCode: typeof PlatformFailureModule.stableCode = () => 'ERR_NETWORK';
