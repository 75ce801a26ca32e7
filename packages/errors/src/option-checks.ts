/**
 * Checks for the options the error constructors take. A constructor handed the wrong kind of option (a string
 * where an options object belongs, a `phase` that does not exist, a negative `limitBytes`) throws a
 * {@link ConfigError} naming the option, never a bare `TypeError` from deep inside. Values that only end up in
 * text (method, URL, headers, bodies) are not checked here: they are printed defensively instead, so an error
 * built from a hostile response still describes it.
 */
import { ConfigError } from './config-error.js';

/** What a numeric option must be. */
interface NumberRule {
  /** Whole numbers only. */
  readonly integer?: boolean | undefined;
  /** The smallest value allowed. @default 0 */
  readonly minimum?: number | undefined;
}

/**
 * The options object as given, or an empty one for `undefined` and `null` (both mean "no options"). Anything
 * else that is not a plain object (a string, a number, an array, a function) is a {@link ConfigError}.
 */
export function optionsObject<T extends object>(options: T | null | undefined, field: string): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ConfigError(`"${field}" must be an object`, { field });
  }
  return options;
}

/** `value` when it is a finite number obeying `rule`, else a {@link ConfigError} naming `field`. */
export function checkedNumber(value: unknown, field: string, rule: NumberRule = {}): number {
  const minimum = rule.minimum ?? 0;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value < minimum ||
    (rule.integer === true && !Number.isInteger(value))
  ) {
    const kind = rule.integer === true ? 'an integer' : 'a finite number';
    throw new ConfigError(`"${field}" must be ${kind} >= ${minimum}`, { field });
  }
  return value;
}

/** {@link checkedNumber} for an option that may be left out. */
export function optionalNumber(value: unknown, field: string, rule: NumberRule = {}): number | undefined {
  return value === undefined ? undefined : checkedNumber(value, field, rule);
}

/** `value` when it is a non-empty string, else a {@link ConfigError} naming `field`. */
export function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) {
    throw new ConfigError(`"${field}" must be a non-empty string`, { field });
  }
  return value;
}
