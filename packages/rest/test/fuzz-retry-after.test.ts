import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseRetryAfter } from '../src/retry-after.js';

// One seed, so the gate is deterministic; `FUZZ_SEED=<n>` explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 1) });

// Property-based fuzzing of SPEC 3.6/3.8 Retry-After: delta-seconds are ASCII digits only, the three HTTP-date
// forms are GMT, a past date is 0, anything else is undefined; the parse never throws and is linear.

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A valid result: undefined, or a finite integer >= 0 of milliseconds. */
function expectValid(result: number | undefined): void {
  if (result === undefined) return;
  expect(Number.isSafeInteger(result) && result >= 0).toBe(true);
}

const PIECES = [
  '1',
  '0',
  '9',
  '+',
  '-',
  '.',
  'e',
  'x',
  ' ',
  '\t',
  '\uff11',
  '\u0661',
  'GMT',
  ',',
  ':',
  'Sun',
  'Nov',
];
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join('')),
);

test('property: any string parses to undefined or a finite integer >= 0 of ms, never throwing', () => {
  fc.assert(
    fc.property(hostile, (text) => expectValid(parseRetryAfter(text, NOW))),
    { numRuns: 20_000 },
  );
});

test('property: delta-seconds are ASCII digits only, surrounding spaces and tabs trimmed', () => {
  fc.assert(
    fc.property(fc.nat({ max: 10_000_000 }), fc.constantFrom('', ' ', '\t', '  \t'), (seconds, pad) => {
      expect(parseRetryAfter(`${pad}${seconds}${pad}`, NOW)).toBe(seconds * 1000);
      for (const spelling of [
        `+${seconds}`,
        `${seconds}.0`,
        `-${seconds}`,
        `${seconds}e0`,
        `0x${seconds}`,
        `${seconds}s`,
      ]) {
        expect(parseRetryAfter(spelling, NOW), spelling).toBeUndefined();
      }
      const fullWidth = String(seconds).replace(/\d/g, (digit) =>
        String.fromCharCode(0xff10 + Number(digit)),
      );
      expect(parseRetryAfter(fullWidth, NOW)).toBeUndefined();
      expect(parseRetryAfter(`1 ${seconds}`, NOW)).toBeUndefined();
    }),
    { numRuns: 2000 },
  );
});

test('a 400-digit delta is a finite integer (the cap then refuses it), and 1 MB of digits parses in linear time', () => {
  expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(Number.MAX_SAFE_INTEGER);
  const started = performance.now();
  expectValid(parseRetryAfter('9'.repeat(1 << 20), NOW));
  expectValid(parseRetryAfter(`${' '.repeat(1 << 20)}x${' '.repeat(1 << 20)}`, NOW));
  expectValid(parseRetryAfter(`Sun, 06 Nov 1994 08:49:37 GMT${'0'.repeat(1 << 20)}`, NOW));
  // Generous bound (a quadratic parse of these inputs takes minutes).
  expect(performance.now() - started).toBeLessThan(5000);
});

const instant = fc
  .integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2070, 0, 1) })
  .map((ms) => ms - (ms % 1000));

/** The three HTTP-date forms of one instant. */
function forms(ms: number): string[] {
  const date = new Date(ms);
  const day = DAY_NAMES[date.getUTCDay()]!;
  const month = MONTHS[date.getUTCMonth()]!;
  const time = `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}`;
  const dayOfMonth = date.getUTCDate();
  return [
    date.toUTCString(),
    `${day}, ${two(dayOfMonth)}-${month}-${two(date.getUTCFullYear() % 100)} ${time} GMT`,
    `${day.slice(0, 3)} ${month} ${String(dayOfMonth).padStart(2, ' ')} ${time} ${date.getUTCFullYear()}`,
  ];
}

test('property: IMF-fixdate, RFC 850 and asctime read as GMT; a past date is 0', () => {
  fc.assert(
    fc.property(instant, (ms) => {
      const [imf, rfc850, asctime] = forms(ms) as [string, string, string];
      const expected = Math.max(0, ms - NOW);
      expect(parseRetryAfter(imf, NOW), imf).toBe(expected);
      expect(parseRetryAfter(asctime, NOW), asctime).toBe(expected);
      // RFC 850's two-digit year is the nearest one that is not more than 50 years ahead (RFC 9110 5.6.7).
      const year = new Date(ms).getUTCFullYear();
      if (year > 1976 && year <= 2076) expect(parseRetryAfter(rfc850, NOW), rfc850).toBe(expected);
      // Any other zone, a lowercase GMT or a missing day name is not an HTTP-date.
      for (const variant of [
        imf.replace('GMT', 'UTC'),
        imf.replace('GMT', 'gmt'),
        imf.slice(5),
        `${imf} +0000`,
      ]) {
        expect(parseRetryAfter(variant, NOW), variant).toBeUndefined();
      }
    }),
    { numRuns: 3000 },
  );
});
