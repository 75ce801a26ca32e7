import { ConfigError } from '@meta/errors';

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

/**
 * A null-prototype copy of the own enumerable properties of `source`. A getter or Proxy trap that throws is
 * bad input like any other: a `ConfigError` (the thrown error as `cause`) whose `field` is `prefix` followed by
 * the key being read (`hooks.beforeRequest`, `extraHeaders.X-Team`), or `field` when no key can be named: the
 * keys could not be listed, or `prefix` is `undefined` (`data`, `query`).
 */
export function ownCopy(source: object, field: string, prefix?: string): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  let key: string | undefined;
  try {
    for (key of Object.keys(source)) copy[key] = (source as Record<string, unknown>)[key];
  } catch (error) {
    const at = key === undefined || prefix === undefined ? field : prefix + key;
    throw new ConfigError(`${at} could not be read (see cause)`, {
      field: at,
      cause: error,
    });
  }
  return copy;
}

/** True for `{}` literals and `Object.create(null)` objects: no class instances, arrays, streams or dates. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  let prototype: unknown;
  try {
    prototype = Object.getPrototypeOf(value);
  } catch {
    // A Proxy whose getPrototypeOf trap throws is not a plain object: callers answer with their ConfigError.
    return false;
  }
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
