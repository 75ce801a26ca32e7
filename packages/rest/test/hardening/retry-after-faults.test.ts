import { type APIError, isAPIError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import { createFakeTime } from '../helpers/fake-time.js';
import { createClient, rejectionOf, TRANSPORT_KINDS, type TransportKind } from './clients.js';
import { respondJson } from './fault-server.js';
import { useFaultSuite } from './fault-suite.js';

const suite = useFaultSuite('graceful');

/** The first request answers `status` with `Retry-After: <retryAfter(now)>`, later ones `200 {ok: true}`. */
function answerOnceWith(status: number, retryAfter: (nowMs: number) => string, nowMs: number): void {
  suite.server.fault = (_request, socket) => {
    if (suite.server.requests.length === 1)
      respondJson(socket, status, { code: status }, { 'retry-after': retryAfter(nowMs) });
    else respondJson(socket, 200, { ok: true });
  };
}

function clientFor(kind: TransportKind) {
  const time = createFakeTime();
  const rest = createClient(kind, {
    baseUrl: suite.server.origin,
    retry: 2,
    retryWait: 7,
    retryCodes: [429, 503, 504],
    clock: time.clock,
    sleep: time.sleep,
    logger: {},
  });
  suite.track(rest);
  return { rest, time };
}

const SHAPES: readonly [name: string, header: (nowMs: number) => string, expectedSleepMs: number][] = [
  ['delta-seconds digits', () => '3', 3000],
  ['digits with surrounding whitespace', () => '  4 ', 4000],
  ['an IMF-fixdate 5 s ahead', (nowMs) => new Date(nowMs + 5000).toUTCString(), 5000],
  ['an RFC 850 date 6 s ahead', (nowMs) => rfc850(new Date(nowMs + 6000)), 6000],
  ['an asctime date 2 s ahead', (nowMs) => asctime(new Date(nowMs + 2000)), 2000],
  ['a date in the past (means now)', (nowMs) => new Date(nowMs - 60_000).toUTCString(), 0],
  ['garbage (normal backoff: retryWait x 1)', () => 'soon, please', 7000],
  ['a negative number (ignored)', () => '-5', 7000],
  ['a fraction (ignored)', () => '1.5', 7000],
  ['digits beyond Number precision (too long: fails at once)', () => '9'.repeat(400), -1],
  ['a huge delay above maxRetryAfterMs (fails at once)', () => '999999999', -1],
];

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  for (const status of [429, 503]) {
    test.each(SHAPES)(`${status} with Retry-After as %s`, async (_name, header, expectedSleepMs) => {
      const { rest, time } = clientFor(kind);
      answerOnceWith(status, header, time.now);
      if (expectedSleepMs < 0) {
        const error = (await rejectionOf(rest.get('/x'))) as APIError;
        expect(isAPIError(error)).toBe(true);
        expect(error.statusCode).toBe(status);
        expect(error.retryAfterMs).toBeGreaterThan(120_000);
        expect(time.sleeps).toEqual([]);
        expect(suite.server.requests).toHaveLength(1);
        return;
      }
      await expect(rest.get('/x')).resolves.toEqual({ ok: true });
      expect(time.sleeps).toEqual([expectedSleepMs]);
      expect(suite.server.requests).toHaveLength(2);
    });

    test(`POST is replayed on ${status} (the server says it did not act), exactly once per retry`, async () => {
      const { rest, time } = clientFor(kind);
      answerOnceWith(status, () => '1', time.now);
      await expect(rest.post('/x', { a: 1 })).resolves.toEqual({ ok: true });
      expect(suite.server.requests.map((request) => [request.method, request.body])).toEqual([
        ['POST', '{"a":1}'],
        ['POST', '{"a":1}'],
      ]);
    });
  }

  test('POST is never replayed on 504 without opting in', async () => {
    const { rest } = clientFor(kind);
    suite.server.fault = (_request, socket) =>
      respondJson(socket, 504, { code: 504 }, { 'retry-after': '1' });
    expect(await rejectionOf(rest.post('/x', { a: 1 }))).toSatisfy(isAPIError);
    expect(suite.server.requests).toHaveLength(1);
  });

  test('retries stop after retry + 1 attempts with the APIError of the last answer', async () => {
    const { rest, time } = clientFor(kind);
    suite.server.fault = (_request, socket) =>
      respondJson(
        socket,
        503,
        { code: 503, message: `attempt ${suite.server.requests.length}` },
        { 'retry-after': '1' },
      );
    const error = (await rejectionOf(rest.get('/x'))) as APIError;
    expect(error.message).toBe('attempt 3');
    expect(time.sleeps).toEqual([1000, 1000]);
    expect(suite.server.requests).toHaveLength(3);
  });
});

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');
const clock = (date: Date) =>
  `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;

function rfc850(date: Date): string {
  const year = two(date.getUTCFullYear() % 100);
  return `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${year} ${clock(date)} GMT`;
}

function asctime(date: Date): string {
  const day = String(date.getUTCDate()).padStart(2, ' ');
  return `${DAYS[date.getUTCDay()]!.slice(0, 3)} ${MONTHS[date.getUTCMonth()]} ${day} ${clock(date)} ${date.getUTCFullYear()}`;
}
