/**
 * Read only own properties. A polluted `Object.prototype` (a `retry` or `Authorization` key planted by a
 * vulnerable dependency) must never change what the client does, so every caller-supplied object is read
 * through these helpers instead of plain property access.
 */

/** The own property `key` of `source`, or `undefined` when it is missing or inherited. */
export function ownValue<T extends object, K extends keyof T>(
  source: T | undefined,
  key: K,
): T[K] | undefined {
  if (source === undefined || source === null) return undefined;
  return Object.hasOwn(source, key) ? source[key] : undefined;
}

/** True for `{}` literals and `Object.create(null)` objects: no class instances, arrays, streams or dates. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Keys that must never be used as header names: they would reach prototype machinery when assigned. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A method of `source` found on the object or its class chain, but never on `Object.prototype`, so a polluted
 * prototype cannot inject one (a console-shaped logger's `debug`, for instance).
 */
export function ownMethod(source: object, name: string): ((...args: never[]) => unknown) | undefined {
  let current: object | null = source;
  while (current !== null && current !== Object.prototype) {
    const descriptor = Object.getOwnPropertyDescriptor(current, name);
    if (descriptor !== undefined)
      return typeof descriptor.value === 'function' ? descriptor.value : undefined;
    current = Object.getPrototypeOf(current);
  }
  return undefined;
}
