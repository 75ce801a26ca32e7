import { expect, test } from 'vitest';
import { parseRetryAfter } from '../src/retry-after.js';

const now = Date.UTC(2026, 10, 24, 12, 0, 0);

test.each([
  ['120', 120_000],
  ['  7  ', 7000],
  ['0', 0],
  ['Tue, 24 Nov 2026 12:00:30 GMT', 30_000],
  ['Tuesday, 24-Nov-26 12:01:00 GMT', 60_000],
  ['Tue Nov 24 12:00:10 2026', 10_000],
  ['Tue Nov  1 12:00:10 2026', 0],
  ['Mon, 23 Nov 2026 12:00:00 GMT', 0],
])('reads %j as %d ms', (value, expected) => {
  expect(parseRetryAfter(value, now)).toBe(expected);
});

test.each([
  '1.5',
  '-1',
  '+3',
  '1e3',
  '0x10',
  '',
  'soon',
  'Tue, 24 Nov 2026 12:00:30 PST',
  'Tue, 31 Nov 2026 12:00:30 GMT',
  'Tue, 24 Nov 2026 25:00:30 GMT',
  '2026-11-24T12:00:30Z',
  `${'9'.repeat(10)} seconds`,
])('ignores %j', (value) => {
  expect(parseRetryAfter(value, now)).toBeUndefined();
});

test('parsing a long hostile value stays linear', () => {
  const hostile = `Tue, ${' '.repeat(100_000)}x`;
  const started = performance.now();
  expect(parseRetryAfter(hostile, now)).toBeUndefined();
  expect(performance.now() - started).toBeLessThan(2000);
});
