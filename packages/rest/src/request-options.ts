import { ConfigError } from '@meta/errors';
import { isPlainObject, ownCopy } from './own-property.js';
import type { CallHeaders } from './request-headers.js';
import { isStandardSchema, type StandardSchemaV1 } from './standard-schema.js';
import type { QueryData } from './url-builder.js';

/** Options of one call: the last argument of `get/post/put/patch/delete`. Unknown keys are a `ConfigError`. */
export interface RequestOptions {
  /**
   * Aborts the call; it rejects with `signal.reason` (the platform's `AbortError` when none was given).
   * @default none
   */
  readonly signal?: AbortSignal | undefined;
  /**
   * Headers for this call (a plain object, `Headers` or `Map`), merged after the auth header and before
   * `extraHeaders`; names are compared case-insensitively.
   * @default none
   */
  readonly headers?: CallHeaders | undefined;
  /**
   * Query parameters for this call, on every method (OpenMetadata's `hardDelete`, `recursive`, `include`,
   * `fields`): appended after GET `data` pairs; arrays repeat the key; booleans and numbers become strings;
   * `null`/`undefined` are dropped.
   * @example { hardDelete: true, recursive: true }
   * @default none
   */
  readonly query?: QueryData | undefined;
  /**
   * The per-attempt deadline of this call in **milliseconds**.
   * @default the client's `timeoutMs` (300000)
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Retries for this call after the first attempt (attempts = retry + 1), an integer >= 0. Python (newest
   * upstream): `retries`.
   * @default the client's `retry` (3)
   */
  readonly retry?: number | undefined;
  /**
   * A Standard Schema v1 validator (zod 4, valibot, arktype, ...) that validates and types the result; a
   * mismatch is a `ResponseParseError` carrying `issues`.
   * @default none
   */
  readonly schema?: StandardSchemaV1 | undefined;
  /**
   * Return `{ status, headers, data }` instead of `data`.
   * @default the client's `rawData` (false)
   */
  readonly rawData?: boolean | undefined;
  /**
   * Replay POST/PATCH on every retry code and on connection failures (a replay may apply a write twice).
   * @default the client's `retryNonIdempotent` (false)
   */
  readonly retryNonIdempotent?: boolean | undefined;
}

/** What `rawData` returns. `headers` is a plain object with lowercase names. */
export interface RawResponse<T = unknown> {
  /** The HTTP status. */
  readonly status: number;
  /** The response headers, lowercase names, repeated values joined with `, `. */
  readonly headers: Record<string, string>;
  /** The decoded (and, with a schema, validated) body. */
  readonly data: T;
}

/** The data type of a call: the schema's output when `O` has a schema, else `T`. */
export type DataOf<T, O> = O extends { readonly schema: infer S extends StandardSchemaV1 }
  ? StandardSchemaV1.InferOutput<S>
  : T;

/** True when `rawData` applies: the call's own literal `true`/`false` wins, else the client's setting. */
export type IsRaw<O, ClientRaw extends boolean> = O extends { readonly rawData: true }
  ? true
  : O extends { readonly rawData: false }
    ? false
    : ClientRaw;

/**
 * The result type of a call: the schema's output (or `T`), wrapped in {@link RawResponse} when `rawData` is
 * `true` for the call, or for the client (`ClientRaw`) when the call does not say. A `boolean` that is not
 * known at compile time gives the union of both shapes.
 */
export type ResultOf<T, O, ClientRaw extends boolean = false> =
  IsRaw<O, ClientRaw> extends true
    ? RawResponse<DataOf<T, O>>
    : IsRaw<O, ClientRaw> extends false
      ? DataOf<T, O>
      : DataOf<T, O> | RawResponse<DataOf<T, O>>;

const isBoolean = (value: unknown): boolean => typeof value === 'boolean';

/**
 * Each call option: what its value must be (`undefined` always means "the client's setting") and, for the two
 * that are not `options.<key>`, the field a `ConfigError` names.
 */
const OPTION_RULES: Readonly<
  Record<string, readonly [valid: (value: unknown) => boolean, must: string, field?: string]>
> = {
  signal: [(value) => value instanceof AbortSignal, 'an AbortSignal'],
  headers: [
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'a plain object, a Headers or a Map',
    'headers',
  ],
  query: [isPlainObject, 'a plain object of query parameters', 'query'],
  timeoutMs: [
    (value) => Number.isInteger(value) && (value as number) > 0,
    'a positive integer of milliseconds',
  ],
  retry: [
    (value) => Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 1000,
    'an integer from 0 to 1000',
  ],
  schema: [isStandardSchema, 'a Standard Schema v1 validator (zod 4, valibot, arktype, ...)'],
  rawData: [isBoolean, 'a boolean'],
  retryNonIdempotent: [isBoolean, 'a boolean'],
};

/**
 * Check per-call options by hand (no zod on the request path) and return an own-property copy. Unknown keys are
 * refused like unknown config keys, so a typo such as `timeout` is not silently ignored.
 */
export function checkRequestOptions(options: unknown): RequestOptions | undefined {
  if (options === undefined || options === null) return undefined;
  if (!isPlainObject(options))
    throw new ConfigError('Call options must be a plain object', { field: 'options' });
  // A null-prototype copy of the own keys: `options.query` read later can never come from a polluted
  // Object.prototype (a planted `query`, `retry` or `schema` would otherwise change every call). Read once: a
  // throwing getter or Proxy trap is a ConfigError naming `options.<key>`.
  const checked = ownCopy(options, 'options', 'options.');
  for (const key in checked) {
    if (!Object.hasOwn(OPTION_RULES, key)) {
      throw new ConfigError(`Unknown call option "${key}"`, { field: `options.${key}` });
    }
    const [valid, must, field = `options.${key}`] = OPTION_RULES[key]!;
    const value = checked[key];
    if (value !== undefined && !valid(value)) throw new ConfigError(`${key} must be ${must}`, { field });
  }
  return checked as RequestOptions;
}
