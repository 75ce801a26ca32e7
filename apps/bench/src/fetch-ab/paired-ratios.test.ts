import { expect, test } from 'vitest';
import { quantile, summarise } from './paired-ratios.js';

test('quantile interpolates between the sorted values and is NaN for none', () => {
  expect(quantile([3, 1, 2], 0.5)).toBe(2);
  expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
  expect(quantile([], 0.5)).toBeNaN();
});

test('summarise divides each round by the anchor of the same round, so a slow round cancels out', () => {
  // Round 2 is twice as slow for both variants: the paired ratio stays 1.2 in every round.
  const byVariant = new Map([
    ['fetch', [100, 200, 100]],
    ['transport', [120, 240, 120]],
  ]);
  const [anchor, transport] = summarise(byVariant, new Map([['transport', 'the transport']]), 'fetch');
  expect(anchor).toMatchObject({ id: 'fetch', ratio: 1, ratioLow: 1, ratioHigh: 1 });
  expect(transport).toMatchObject({ id: 'transport', label: 'the transport', cpuPerRequest: 120 });
  expect(transport!.ratio).toBeCloseTo(1.2, 10);
  expect(transport!.ratioLow).toBeCloseTo(1.2, 10);
  expect(transport!.ratioHigh).toBeCloseTo(1.2, 10);
});
