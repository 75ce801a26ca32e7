import { isAuthProviderError, isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import {
  normaliseToken,
  presetTokenExpiresAtMs,
  providerTokenExpiresAtMs,
  tokenRefreshAtMs,
  tokenUse,
} from '../src/token-rules.js';

const NOW_MS = 1_800_000_000_000;

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

test('expiresIn below 10^9 is a ConfigError naming expiresIn that says how to fix it', () => {
  const error = thrown(() => presetTokenExpiresAtMs(3600));
  expect(isConfigError(error) && error.field).toBe('expiresIn');
  expect((error as Error).message).toContain('epoch seconds');
  expect((error as Error).message).toContain('Math.floor(Date.now() / 1000) + seconds');
});

test('expiresIn in epoch seconds becomes epoch milliseconds; none means never', () => {
  expect(presetTokenExpiresAtMs(1_900_000_000)).toBe(1_900_000_000_000);
  expect(presetTokenExpiresAtMs(undefined)).toBeUndefined();
});

test('a provider expiry above 10^9 is an AuthProviderError saying it looks like an epoch time', () => {
  const error = thrown(() => providerTokenExpiresAtMs('jwt-abcdef', 1_900_000_000, NOW_MS));
  expect(isAuthProviderError(error)).toBe(true);
  expect((error as Error).message).toContain('looks like an epoch time');
});

test('a provider expiry in seconds from now or as a Date becomes epoch milliseconds', () => {
  expect(providerTokenExpiresAtMs('jwt-abcdef', 3600, NOW_MS)).toBe(NOW_MS + 3_600_000);
  expect(providerTokenExpiresAtMs('jwt-abcdef', 0.5, NOW_MS)).toBe(NOW_MS + 500);
  expect(providerTokenExpiresAtMs('jwt-abcdef', new Date(NOW_MS + 5000), NOW_MS)).toBe(NOW_MS + 5000);
});

test.each([
  ['a negative number', -1],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['an invalid Date', new Date(Number.NaN)],
  ['a string', '3600'],
])('a provider expiry that is %s is an AuthProviderError', (_label, expiry) => {
  expect(isAuthProviderError(thrown(() => providerTokenExpiresAtMs('jwt-abcdef', expiry, NOW_MS)))).toBe(
    true,
  );
});

test('no expiry is "never" only for "no_token" and ""; a real token without one is an AuthProviderError', () => {
  expect(providerTokenExpiresAtMs('no_token', null, NOW_MS)).toBeUndefined();
  expect(providerTokenExpiresAtMs('', undefined, NOW_MS)).toBeUndefined();
  expect(isAuthProviderError(thrown(() => providerTokenExpiresAtMs('jwt-abcdef', null, NOW_MS)))).toBe(true);
});

test('the refresh margin is min(120 s, half the lifetime): a 60 s token refreshes after 30 s, a 1 h one 2 min early', () => {
  expect(tokenRefreshAtMs(NOW_MS, NOW_MS + 60_000)).toBe(NOW_MS + 30_000);
  expect(tokenRefreshAtMs(NOW_MS, NOW_MS + 3_600_000)).toBe(NOW_MS + 3_600_000 - 120_000);
  expect(tokenRefreshAtMs(NOW_MS, NOW_MS + 240_000)).toBe(NOW_MS + 120_000);
  // An already expired token is refreshed at once.
  expect(tokenRefreshAtMs(NOW_MS, NOW_MS - 1000)).toBe(NOW_MS - 1000);
});

test('"" sends no header and is asked for again; "no_token" sends none and stands; anything else is sent', () => {
  expect(tokenUse('')).toBe('omit-and-ask-again');
  expect(tokenUse('no_token')).toBe('omit');
  expect(tokenUse('jwt-abcdef')).toBe('send');
});

test('a token with surrounding whitespace is trimmed to what the server would see', () => {
  expect(normaliseToken('sekrit-token-123 ', 'Authorization', 'accessToken')).toBe('sekrit-token-123');
  expect(normaliseToken('\tsekrit-token-123\r\n', 'Authorization', 'authToken')).toBe('sekrit-token-123');
});

test('a CR/LF inside an accessToken is a ConfigError naming the header it would go in, never the token', () => {
  const error = thrown(() => normaliseToken('abc\r\nX-Injected: 1', 'X-Api-Token', 'accessToken'));
  expect(isConfigError(error) && error.field).toBe('accessToken');
  expect((error as Error).message).toContain('X-Api-Token');
  expect((error as Error).message).not.toContain('Injected');
});

test('a CR/LF inside a provider token is an AuthProviderError naming the header it would go in', () => {
  const error = thrown(() => normaliseToken('abc\nsecond-line', 'Authorization', 'authToken'));
  expect(isAuthProviderError(error)).toBe(true);
  expect((error as Error).message).toContain('Authorization header');
  expect((error as Error).message).not.toContain('second-line');
});
