import { ConfigError } from '@meta/errors';
import type { z } from 'zod';
import { isPlainObject } from './own-property.js';
import type { CallHeaders } from './request-headers.js';

/** Options of one call. */
export interface RequestOptions {
  /** Aborts the call; it rejects with `signal.reason` (the platform's `AbortError` when none was given). */
  readonly signal?: AbortSignal;
  /** Headers for this call, merged after the auth header and before `extraHeaders`. */
  readonly headers?: CallHeaders;
  /** The per-attempt deadline for this call in milliseconds. @default the client's `timeoutMs` */
  readonly timeoutMs?: number;
  /** A zod schema that validates and types the result; a mismatch is a `ResponseParseError` with `issues`. */
  readonly schema?: z.ZodType;
  /** Return `{ status, headers, data }` instead of `data`. @default the client's `rawData` */
  readonly rawData?: boolean;
  /** Replay POST/PATCH on every retry code and on connection failures. @default the client's setting */
  readonly retryNonIdempotent?: boolean;
}

/** What `rawData` returns. `headers` is a plain object with lowercase names. */
export interface RawResponse<T = unknown> {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly data: T;
}

type DataOf<T, O> = O extends { readonly schema: infer S extends z.ZodType } ? z.output<S> : T;

/** The result type of a call: the schema's output (or `T`), wrapped in {@link RawResponse} when `rawData: true`. */
export type ResultOf<T, O> = O extends { readonly rawData: true } ? RawResponse<DataOf<T, O>> : DataOf<T, O>;

const OPTION_NAMES = new Set(['signal', 'headers', 'timeoutMs', 'schema', 'rawData', 'retryNonIdempotent']);

function optionError(field: string, message: string): ConfigError {
  return new ConfigError(message, { field: `options.${field}` });
}

/**
 * Check per-call options by hand (no zod on the request path). Unknown keys are refused like unknown config
 * keys, so a typo such as `timeout` is not silently ignored.
 */
export function checkRequestOptions(options: unknown): RequestOptions | undefined {
  if (options === undefined || options === null) return undefined;
  if (!isPlainObject(options))
    throw new ConfigError('Call options must be a plain object', { field: 'options' });
  for (const key of Object.keys(options)) {
    if (!OPTION_NAMES.has(key)) throw optionError(key, `Unknown call option "${key}"`);
    const value = options[key];
    if (value === undefined) continue;
    if (key === 'signal' && !(value instanceof AbortSignal))
      throw optionError(key, 'signal must be an AbortSignal');
    if (key === 'headers' && !isPlainObject(value))
      throw new ConfigError('headers must be a plain object', { field: 'headers' });
    if (key === 'timeoutMs' && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
      throw optionError(key, 'timeoutMs must be a positive integer of milliseconds');
    }
    if (key === 'schema' && typeof (value as { safeParse?: unknown }).safeParse !== 'function') {
      throw optionError(key, 'schema must be a zod schema');
    }
    if ((key === 'rawData' || key === 'retryNonIdempotent') && typeof value !== 'boolean') {
      throw optionError(key, `${key} must be a boolean`);
    }
  }
  return options as RequestOptions;
}
