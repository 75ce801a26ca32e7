import { ConfigError } from '@meta/errors';
import { isPlainObject } from './own-property.js';

/** What a non-GET call may send: a plain object or array (as JSON), a string, or bytes (verbatim). */
export type RequestData =
  | Readonly<Record<string, unknown>>
  | readonly unknown[]
  | string
  | Uint8Array
  | ArrayBuffer;

/** An encoded body and the `Content-Type` the client sends with it unless the caller set one. */
export interface EncodedBody {
  readonly body: string | Uint8Array;
  readonly contentType: string;
}

/** `Content-Type` for JSON bodies; PATCH defaults to JSON Patch, as OpenMetadata expects. */
export function jsonContentType(method: string): string {
  return method === 'PATCH' ? 'application/json-patch+json' : 'application/json';
}

/**
 * Encode `data` for a non-GET request. Objects and arrays become JSON (Python form-encoded dicts under a JSON
 * label, which was a bug); strings and bytes go verbatim. Anything else, streams included, is a `ConfigError`
 * (field `data`): silently sending `[object Object]` or nothing would be worse.
 */
export function encodeBody(method: string, data: unknown): EncodedBody | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return { body: data, contentType: jsonContentType(method) };
  if (data instanceof Uint8Array) return { body: data, contentType: 'application/octet-stream' };
  if (data instanceof ArrayBuffer)
    return { body: new Uint8Array(data), contentType: 'application/octet-stream' };
  if (!Array.isArray(data) && !isPlainObject(data)) {
    throw new ConfigError(
      'Request data must be a plain object, an array, a string, a Uint8Array or an ArrayBuffer',
      { field: 'data' },
    );
  }
  let body: string | undefined;
  try {
    body = JSON.stringify(data);
  } catch (error) {
    throw new ConfigError('Request data could not be serialised as JSON', { field: 'data', cause: error });
  }
  return { body: body ?? 'null', contentType: jsonContentType(method) };
}
