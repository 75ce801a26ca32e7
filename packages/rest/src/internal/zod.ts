/*
 * The only door to zod in this package: the four schema kinds the config schema uses, built on `zod/v4/core`
 * (the engine zod and zod/mini share) without zod/mini's method-carrying wrapper classes, which a browser bundle
 * would otherwise carry whole. Tests and the typechecker see zod itself; the build (scripts/bundle-zod.mjs)
 * replaces dist/internal/zod.js with this file bundled and tree-shaken, so `import('@meta/rest')` never loads
 * zod's 60-odd locale modules and zod is not a runtime dependency.
 */
import {
  _custom,
  _never,
  $ZodCustom,
  $ZodNever,
  $ZodObject,
  $ZodOptional,
  type $ZodRawIssue,
  type $ZodShape,
  type $ZodType,
} from 'zod/v4/core';

/** Any zod schema. */
export type Schema = $ZodType;

/** The issue an error-message function receives (its `input` is the rejected value). */
export type RawIssue = $ZodRawIssue;

/**
 * A value `predicate` accepts; `error` is our own message (no zod locale is ever loaded). A predicate or message
 * that throws (a getter or proxy in the config) counts as a rejection, so the result is always an issue naming
 * the field, never a raw exception (and zod's validator never falls back to an asynchronous retry).
 */
export function custom(
  predicate: (value: unknown) => boolean,
  error: string | ((issue: RawIssue) => string),
): Schema {
  const accepts = (value: unknown): boolean => {
    try {
      return predicate(value);
    } catch {
      return false;
    }
  };
  const message =
    typeof error === 'string'
      ? error
      : (issue: RawIssue): string => {
          try {
            return error(issue);
          } catch {
            return 'could not be read';
          }
        };
  return _custom($ZodCustom, accepts, { error: message });
}

/** `inner`, or the key absent / `undefined`. */
export function optional(inner: Schema): Schema {
  return new $ZodOptional({ type: 'optional', innerType: inner });
}

/** An object of exactly `shape`'s keys: an unknown key is an `unrecognized_keys` issue. */
export function strictObject(shape: $ZodShape, error?: string): Schema {
  return new $ZodObject({
    type: 'object',
    shape,
    catchall: _never($ZodNever),
    ...(error === undefined ? {} : { error: () => error }),
  });
}

/** An issue as zod reports it: message, path, code, and for unknown keys the `keys`. */
export interface Issue {
  readonly message: string;
  readonly path: readonly PropertyKey[];
  readonly code?: string;
  readonly keys?: readonly string[];
}

/**
 * The issues zod finds in `input`, none when it is valid. Read through zod's Standard Schema interface (issues
 * finalised with their messages) rather than `safeParse`, whose error class a browser bundle would carry too.
 */
export function issuesOf(schema: Schema, input: unknown): readonly Issue[] {
  const result = schema['~standard'].validate(input);
  // Every check here is a synchronous predicate that cannot throw, so zod answers synchronously.
  if (result instanceof Promise) {
    result.catch(() => undefined);
    throw new TypeError('the config schema must validate synchronously');
  }
  return (result.issues ?? []) as readonly Issue[];
}
