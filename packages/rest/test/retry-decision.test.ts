import { NetworkError, TimeoutError } from '@meta/errors';
import { expect, test } from 'vitest';
import { classifyFailure } from '../src/failure-class.js';
import { decideRetry, networkBackoffMs, type RetryQuestion } from '../src/retry-decision.js';
import { MAX_TIMER_MS } from '../src/timer-limit.js';

/** A question with the client defaults: GET, attempt 1 of 4, retryWait 30 s, codes 429/503/504. */
function ask(overrides: Partial<RetryQuestion>): ReturnType<typeof decideRetry> {
  return decideRetry({
    failure: 'status',
    status: 503,
    method: 'GET',
    attempt: 1,
    maxAttempts: 4,
    retryNonIdempotent: false,
    retryCodes: new Set([429, 503, 504]),
    maxRetryAfterMs: 120_000,
    backoff: 'linear',
    retryWaitMs: 30_000,
    randomSample: 1,
    ...overrides,
  });
}

test('a connection failure waits min(2000, 250 × 2^(attempt-1)) ms at most, with full jitter', () => {
  expect([1, 2, 3, 4, 5, 6].map((attempt) => networkBackoffMs(attempt, 1))).toEqual([
    250, 500, 1000, 2000, 2000, 2000,
  ]);
  expect(networkBackoffMs(3, 0.5)).toBe(500);
  expect(networkBackoffMs(3, 0)).toBe(0);
  expect(ask({ failure: 'connection', status: undefined, attempt: 2 })).toEqual({
    retry: true,
    delayMs: 500,
  });
});

test('with the defaults, the backoff of a dead server adds up to under 3 s, never retryWait', () => {
  let total = 0;
  for (let attempt = 1; attempt < 4; attempt++) {
    const decision = ask({ failure: 'connection', status: undefined, attempt });
    if (!decision.retry) throw new Error('expected a retry');
    total += decision.delayMs;
  }
  expect(total).toBe(1750);
  expect(ask({ failure: 'connection', status: undefined, attempt: 4 })).toEqual({
    retry: false,
    reason: 'attempts-exhausted',
  });
});

test('a retry-code status waits retryWait × attempt, or the Retry-After asked for', () => {
  expect(ask({ attempt: 2 })).toEqual({ retry: true, delayMs: 60_000 });
  expect(ask({ requestedDelayMs: 5000 })).toEqual({ retry: true, delayMs: 5000 });
  expect(ask({ status: 500 })).toEqual({ retry: false, reason: 'not-retryable' });
});

test('a Retry-After above maxRetryAfterMs is not slept: the call stops at once', () => {
  expect(ask({ requestedDelayMs: 120_001 })).toEqual({ retry: false, reason: 'retry-after-too-long' });
});

test('a hook asking for a retry is capped by maxRetryAfterMs like a server', () => {
  const sevenDaysMs = 7 * 24 * 3600 * 1000;
  expect(ask({ failure: 'hook', status: 200, requestedDelayMs: sevenDaysMs, maxRetryAfterMs: 1000 })).toEqual(
    {
      retry: false,
      reason: 'retry-after-too-long',
    },
  );
  expect(ask({ failure: 'hook', status: 200, method: 'POST' })).toEqual({ retry: true, delayMs: 30_000 });
});

test('a computed backoff is the configured one, past maxRetryAfterMs, capped only by the timer limit', () => {
  expect(ask({ retryWaitMs: 300_000 })).toEqual({ retry: true, delayMs: 300_000 });
  const huge = ask({ retryWaitMs: 10 ** 12, maxRetryAfterMs: Number.MAX_SAFE_INTEGER });
  expect(huge).toEqual({ retry: true, delayMs: MAX_TIMER_MS });
});

test('POST and PATCH are replayed only on 429 and 503 unless the call opts in', () => {
  expect(ask({ method: 'POST', status: 504 })).toEqual({ retry: false, reason: 'method-not-idempotent' });
  expect(ask({ method: 'POST', status: 503 }).retry).toBe(true);
  expect(ask({ method: 'PATCH', status: 429 }).retry).toBe(true);
  expect(ask({ method: 'POST', failure: 'connection', status: undefined }).retry).toBe(false);
  expect(ask({ method: 'POST', status: 504, retryNonIdempotent: true }).retry).toBe(true);
});

test('a delay that would pass the total deadline is not slept', () => {
  expect(ask({ remainingMs: 30_000 })).toEqual({ retry: false, reason: 'deadline' });
  expect(ask({ remainingMs: 30_001 })).toEqual({ retry: true, delayMs: 30_000 });
});

test('a final failure is never retried, whatever the attempts left', () => {
  expect(ask({ failure: 'final', status: undefined })).toEqual({ retry: false, reason: 'not-retryable' });
});

test('TLS, proxy-tunnel, forbidden-port and after-response failures are final; refused and reset are not', () => {
  const network = (code: string, extra: { beforeResponse?: boolean; retryable?: boolean } = {}) =>
    classifyFailure(new NetworkError({ code, beforeResponse: true, ...extra }));
  expect(network('ECONNREFUSED')).toBe('connection');
  expect(network('ECONNRESET')).toBe('connection');
  expect(network('UND_ERR_SOCKET')).toBe('connection');
  expect(network('ECONNRESET', { beforeResponse: false })).toBe('final');
  expect(network('ERR_TLS_CERT_ALTNAME_INVALID')).toBe('final');
  expect(network('DEPTH_ZERO_SELF_SIGNED_CERT')).toBe('final');
  expect(network('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED')).toBe('final');
  expect(network('ERR_PROXY_TUNNEL')).toBe('final');
  expect(network('ERR_FORBIDDEN_PORT')).toBe('final');
  expect(network('ECONNRESET', { retryable: false })).toBe('final');
  expect(classifyFailure(new TimeoutError({ phase: 'connect' }))).toBe('connection');
  expect(classifyFailure(new TimeoutError({ phase: 'headers' }))).toBe('timeout');
  expect(classifyFailure(new TimeoutError({ phase: 'body' }))).toBe('final');
  expect(classifyFailure(new Error('anything else'))).toBe('final');
});
