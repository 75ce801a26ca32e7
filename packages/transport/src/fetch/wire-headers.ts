import type { TransportHeaders } from '../transport.js';
import { type RawHeaderList, RawResponseHeaders } from '../undici/raw-response-headers.js';
import { FetchHeaders } from './fetch-headers.js';

/**
 * The response headers of an exchange that went through Node's wire, answered from the raw header list the wire
 * saw: a `get` or `has` compares raw names byte by byte instead of paying fetch's `Headers` lookup (WebIDL
 * conversion and name validation on every call). The list is the one the server sent, so a `Content-Encoding`
 * the wire took away from fetch is shown as received. `entries()` and `toRecord()` are built once from fetch's
 * `Headers` (only then read from the response), with that `Content-Encoding` first, as before.
 */
export function wireHeaders(
  raw: RawHeaderList,
  response: Response,
  contentEncoding: string | null | undefined,
): TransportHeaders {
  return new RawResponseHeaders(raw, () => {
    // Null prototype: a header named `__proto__` must stay a header.
    const record = Object.create(null) as Record<string, string>;
    if (contentEncoding) record['content-encoding'] = contentEncoding;
    for (const [name, value] of new FetchHeaders(response.headers).entries()) record[name] = value;
    return record;
  });
}
