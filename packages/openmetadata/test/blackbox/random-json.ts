// Seeded random JSON documents and edits for property checks of the patch diff (deterministic: no flaky runs).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const KEYS = ['a', 'b', 'a/b', 'c~d', '~1', '~0/', '', ' ', '\u00e9', '__proto__', 'constructor', '0', '-'];
const STRINGS = ['', 'x', 'y', '\u{1f600}', '/', '~'];

/** A linear congruential generator: the same seed gives the same documents on every machine. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

/** A random JSON value, at most `depth` levels deep; object keys are set as own data properties. */
export function randomJson(random: (below: number) => number, depth: number): Json {
  const kind = random(depth > 0 ? 6 : 4);
  if (kind === 0) return null;
  if (kind === 1) return random(2) === 0;
  if (kind === 2) return random(100) - 50;
  if (kind === 3) return STRINGS[random(STRINGS.length)] as string;
  if (kind === 4) return Array.from({ length: random(4) }, () => randomJson(random, depth - 1));
  const object: Record<string, Json> = {};
  for (let index = random(4); index > 0; index--) {
    const value = randomJson(random, depth - 1);
    Object.defineProperty(object, KEYS[random(KEYS.length)] as string, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** `value` with a few random edits (replace, add, delete, array splice), as a new document. */
export function randomEdit(random: (below: number) => number, value: Json, depth = 3): Json {
  if (value === null || typeof value !== 'object' || random(4) === 0) {
    return random(3) === 0 ? randomJson(random, depth) : value;
  }
  if (Array.isArray(value)) {
    const copy = value.map((item) => randomEdit(random, item, depth - 1));
    if (random(2) === 0) copy.splice(random(copy.length + 1), random(2), randomJson(random, 1));
    return copy;
  }
  const copy: Record<string, Json> = {};
  for (const [key, item] of Object.entries(value)) {
    if (random(6) === 0) continue;
    Object.defineProperty(copy, key, {
      value: randomEdit(random, item, depth - 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (random(3) === 0) {
    Object.defineProperty(copy, KEYS[random(KEYS.length)] as string, {
      value: randomJson(random, 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
