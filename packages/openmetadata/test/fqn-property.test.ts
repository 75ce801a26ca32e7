import { isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { fqn } from '../src/index.js';
import { seededRandom } from './seeded-random.js';

// A direct port of upstream's Java `FullyQualifiedName.quoteName` (openmetadata-service, util), to compare with.
function javaQuoteName(name: string): string {
  const match = /^(")([^"]+)(")$|^(.*)$/.exec(name);
  if (match === null || match[0].length !== name.length) throw new Error(`invalid name ${name}`);
  if (match[1] !== undefined) return (match[2] as string).includes('.') ? name : (match[2] as string);
  const unquoted = match[4] as string;
  if (!unquoted.includes('"')) return unquoted.includes('.') ? `"${name}"` : unquoted;
  return unquoted.replaceAll('"', '\\"');
}

// Names from a seeded generator, so a failure is reproducible without a property-testing dependency.
function randomNames(seed: number) {
  const next = seededRandom(seed);
  const alphabet = ['a', 'b', '.', '.', '"', '"', '\\', ' ', '/', "'", '%', 'é', '🚀', '_'];
  const name = () =>
    Array.from(
      { length: 1 + Math.floor(next() * 7) },
      () => alphabet[Math.floor(next() * alphabet.length)],
    ).join('');
  return () => Array.from({ length: 1 + Math.floor(next() * 4) }, name);
}

// Given in quoted form ("a.b"), a name is taken as already quoted, so it is not expected back as written.
const inQuotedForm = (name: string) => /^"[^"]+"$/.test(name);
// The one refusal: a dotted name ending in a backslash, whose closing quote would read as escaped.
const refused = (name: string) => {
  const inner = /^"([^"]+)"$/.exec(name)?.[1] ?? name;
  return inner.includes('.') && inner.endsWith('\\');
};

test('property: split(build(names)) gives the names back, for 20,000 random names with dots, quotes and backslashes', () => {
  const next = randomNames(0x5eed);
  let checked = 0;
  for (let round = 0; round < 5_000; round++) {
    const names = next().filter((name) => !inQuotedForm(name));
    if (names.length === 0) continue;
    if (names.some(refused)) {
      const error = (() => {
        try {
          fqn.build(...names);
        } catch (caught) {
          return caught;
        }
      })();
      expect(isConfigError(error) && error.field, JSON.stringify(names)).toBe('name');
      continue;
    }
    expect(fqn.split(fqn.build(...names)), JSON.stringify(names)).toEqual(names);
    for (const name of names) expect(fqn.unquoteName(fqn.quoteName(name)), name).toBe(name);
    checked += names.length;
  }
  expect(checked).toBeGreaterThan(5_000);
});

test('property: quoteName gives what Java quoteName gives, except a name with both a dot and a quote', () => {
  const next = randomNames(0xfacade);
  let compared = 0;
  for (let round = 0; round < 5_000; round++) {
    for (const name of next()) {
      if (refused(name)) continue;
      const quoted = fqn.quoteName(name);
      const both = !inQuotedForm(name) && name.includes('.') && name.includes('"');
      if (both) {
        // Java leaves `a.b\"c` unquoted, which its own grammar splits at the dot; we quote it.
        expect(quoted, name).toBe(`"${javaQuoteName(name)}"`);
      } else {
        expect(quoted, name).toBe(javaQuoteName(name));
      }
      compared++;
    }
  }
  expect(compared).toBeGreaterThan(10_000);
});
