import { AuthProviderError, ConfigError } from '@meta/errors';
import { FORBIDDEN_VALUE_CHARACTERS, hasForbiddenValueCharacter } from './header-rules.js';

/*
 * The rules a token and its expiry must follow (SPEC 3.1, 3.3 and 3.8), as pure functions: the config resolver
 * applies them to `accessToken`/`expiresIn`, the auth policy to what `authToken()` returns.
 */

/** The longest refresh margin: a token is refreshed at most this long before it expires, as in Python. */
const MAX_REFRESH_MARGIN_MS = 120_000;

/**
 * Numbers above this are epoch times, not durations: 10^9 seconds is 31.7 years as a duration, and as an epoch
 * time it is September 2001, long before any token issued today.
 */
const EPOCH_SECONDS_THRESHOLD = 1e9;

/** The token that means "send no auth header, and keep meaning it" (Python's convention). */
const NO_TOKEN = 'no_token';

/** What a token tells the auth policy to do. */
export type TokenUse =
  /** Send `<mode> <token>` in the auth header. */
  | 'send'
  /** `"no_token"`: send no auth header; the answer stands until it expires (or forever without an expiry). */
  | 'omit'
  /** `""`: send no auth header now, and ask the provider again before the next attempt (as Python does). */
  | 'omit-and-ask-again';

/** How the auth policy must treat `token` (already normalised by {@link normaliseToken}). */
export function tokenUse(token: string): TokenUse {
  if (token === '') return 'omit-and-ask-again';
  return token === NO_TOKEN ? 'omit' : 'send';
}

/**
 * The token as it will be sent: surrounding whitespace (space, tab, CR, LF) trimmed, because HTTP drops it
 * anyway and a token read from a file often ends in a newline. Trimming here means the value the redactor knows
 * is exactly the value on the wire. CR, LF, NUL or another control character inside the token cannot be sent
 * and is an error naming the header it would go in (`source` says whether that is a `ConfigError` for the
 * preset `accessToken` or an `AuthProviderError` for what `authToken()` returned).
 */
export function normaliseToken(
  token: string,
  headerName: string,
  source: 'accessToken' | 'authToken',
): string {
  const trimmed = token.trim();
  if (!hasForbiddenValueCharacter(trimmed)) return trimmed;
  const problem = `contains ${FORBIDDEN_VALUE_CHARACTERS}, so it cannot be sent in the ${headerName} header`;
  if (source === 'accessToken') throw new ConfigError(`accessToken ${problem}`, { field: 'accessToken' });
  throw new AuthProviderError(`The token returned by authToken() ${problem}`);
}

/**
 * Check the preset token's `expiresIn` (epoch seconds) and return it in epoch milliseconds. A value below 10^9
 * is a relative number of seconds given by mistake: the token would count as expired since 1970 and silently
 * never be sent, so it is a `ConfigError` with the fix in the message.
 */
export function presetTokenExpiresAtMs(expiresIn: number | undefined): number | undefined {
  if (expiresIn === undefined) return undefined;
  if (expiresIn < EPOCH_SECONDS_THRESHOLD) {
    throw new ConfigError(
      `expiresIn is epoch seconds (when the token stops being valid), but ${expiresIn} is below 10^9 and looks ` +
        'like a number of seconds from now: pass Math.floor(Date.now() / 1000) + seconds instead',
      { field: 'expiresIn' },
    );
  }
  return expiresIn * 1000;
}

/**
 * The expiry `authToken()` returned, as epoch milliseconds (`undefined`: never expires). Seconds from now
 * (a finite number >= 0, at most 10^9) or a valid `Date`; `null`/`undefined` only with `"no_token"` or `""`.
 * Anything else, a number that looks like an epoch time included, is an `AuthProviderError`.
 */
export function providerTokenExpiresAtMs(token: string, expiry: unknown, nowMs: number): number | undefined {
  if (expiry === null || expiry === undefined) {
    if (tokenUse(token) !== 'send') return undefined;
    throw new AuthProviderError('The auth token provider returned no expiry for a real token');
  }
  if (typeof expiry === 'number' && Number.isFinite(expiry) && expiry >= 0) {
    if (expiry > EPOCH_SECONDS_THRESHOLD) {
      throw new AuthProviderError(
        `The auth token expiry ${expiry} looks like an epoch time (a JWT "exp"?): authToken() must return ` +
          'seconds from now, or a Date (new Date(exp * 1000))',
      );
    }
    return nowMs + expiry * 1000;
  }
  if (expiry instanceof Date && Number.isFinite(expiry.getTime())) return expiry.getTime();
  throw new AuthProviderError(
    'The auth token expiry must be seconds from now (a number >= 0) or a valid Date',
  );
}

/**
 * When a token obtained at `obtainedAtMs` and expiring at `expiresAtMs` must be refreshed: `min(120 s, half its
 * lifetime)` before it expires, so a 60 s token is fetched once per 30 s instead of on every call.
 */
export function tokenRefreshAtMs(obtainedAtMs: number, expiresAtMs: number): number {
  const lifetimeMs = Math.max(0, expiresAtMs - obtainedAtMs);
  return expiresAtMs - Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 2);
}
