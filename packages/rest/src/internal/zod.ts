/*
 * The only door to zod in this package: zod's custom schema kind, built on `zod/v4/core` (the engine zod and
 * zod/mini share) without zod/mini's method-carrying wrapper classes, which a browser bundle would otherwise
 * carry whole. Every config field is validated by one of these schemas and every issue is zod's; the strict
 * object around them (unknown keys, issue paths) is walked in plain code by client-config-schema.ts, because
 * zod's object schema alone would add 1.5 KB (min+gzip) to the browser bundle for one loop over the keys.
 * Tests and the typechecker see zod itself; the build (scripts/bundle-zod.mjs) replaces dist/internal/zod.js
 * with this file bundled and tree-shaken, so `import('@meta/rest')` never loads zod's 60-odd locale modules and
 * zod is not a runtime dependency.
 */
import { $ZodCustom, type $ZodRawIssue, type $ZodType } from 'zod/v4/core';

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
  const message = (issue: RawIssue): string => {
    try {
      return typeof error === 'string' ? error : error(issue);
    } catch {
      return 'could not be read';
    }
  };
  // The schema zod's `_custom` helper builds (`abort: true` is its default), from zod's public `$ZodCustom` class
  // and definition type: `_custom` would add its params normaliser, 106 bytes of the browser bundle (min+gzip),
  // to turn a message string into the function `message` already is.
  return new $ZodCustom({ type: 'custom', check: 'custom', fn: accepts, error: message, abort: true });
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
