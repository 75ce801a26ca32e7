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
 * (field `data`): silently sending `[object Object]` or nothing would be worse. So is data that cannot be
 * encoded (a BigInt or a cycle in JSON, a detached `ArrayBuffer`), with what went wrong as the `cause`, never a
 * bare `TypeError`.
 *
 * Bytes are sent the same on both transports: a view whose memory is shared (`SharedArrayBuffer`), resizable or
 * empty is copied (`slice()`), because fetch refuses the first two (undici sends them) and a detached buffer
 * (transferred to a worker) would go out empty on one transport and fail on the other; copying it throws.
 */
export function encodeBody(method: string, data: unknown): EncodedBody | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return { body: data, contentType: jsonContentType(method) };
  const bytes = data instanceof Uint8Array || data instanceof ArrayBuffer;
  if (!bytes && !Array.isArray(data) && !isPlainObject(data)) {
    throw new ConfigError(
      'Request data must be a plain object, an array, a string, a Uint8Array or an ArrayBuffer',
      { field: 'data' },
    );
  }
  try {
    if (!bytes) return { body: JSON.stringify(data) ?? 'null', contentType: jsonContentType(method) };
    const view = data instanceof Uint8Array ? data : new Uint8Array(data);
    const buffer = view.buffer as ArrayBuffer & { readonly resizable?: boolean };
    const fixed = buffer instanceof ArrayBuffer && !buffer.resizable && buffer.byteLength > 0;
    return { body: fixed ? view : view.slice(), contentType: 'application/octet-stream' };
  } catch (error) {
    throw new ConfigError('Request data cannot be encoded', { field: 'data', cause: error });
  }
}
