import { ConfigError } from '@meta/errors';
import { ownOptions } from './own-options.js';

/**
 * The options object of a transport factory, checked: `undefined` and `null` mean "no options", anything else
 * must be an object whose own keys are all in `allowed`. A misspelt option (`conections`) would otherwise be
 * ignored in silence, so it is a {@link ConfigError} naming the key. Returns a null-prototype copy (see
 * {@link ownOptions}).
 */
export function checkedOptions<T extends object>(
  options: T | null | undefined,
  allowed: readonly (keyof T & string)[],
  factory: string,
): T {
  if (options === undefined || options === null) return ownOptions<T>(undefined);
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(`${factory}() takes an options object`, { field: 'options' });
  }
  for (const key of Object.keys(options)) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw new ConfigError(
        `unknown option "${key.slice(0, 64)}" for ${factory}(); known: ${allowed.join(', ')}`,
        {
          field: key.slice(0, 64),
        },
      );
    }
  }
  return ownOptions(options);
}

/** Refuse `value` unless it is `undefined` or passes `valid`; the message says what `field` must be. */
export function checkOption(
  value: unknown,
  field: string,
  valid: (value: unknown) => boolean,
  what: string,
): void {
  if (value !== undefined && !valid(value)) throw new ConfigError(`"${field}" must be ${what}`, { field });
}

/** True for a function. */
export const isFunction = (value: unknown): boolean => typeof value === 'function';

/** True for a boolean. */
export const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

/** True for a non-null object (not an array). */
export const isObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True for PEM text or bytes, or a non-empty list of them (the shapes Node's `tls` accepts for `ca`/`cert`/`key`). */
export function isPemInput(value: unknown): boolean {
  const isOne = (item: unknown) => typeof item === 'string' || item instanceof Uint8Array;
  return isOne(value) || (Array.isArray(value) && value.length > 0 && value.every(isOne));
}
