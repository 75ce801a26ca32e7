import { type Redactor, ResponseParseError } from '@meta/errors';
import { isSealedHeaders } from './check-request.js';

/** The `Accept-Encoding` both real transports send unless the caller set one: the codings they can decode. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

/** More content codings than this on one response is refused (a decompression chain is a denial of service). */
export const MAX_CONTENT_CODINGS = 5;

/** A content coding the transports decode. `x-gzip` is read as `gzip` (RFC 9110 section 8.4.1.3). */
export type ContentCoding = 'gzip' | 'deflate' | 'br';

/** What a coding error names: the exchange, for the message. */
export interface CodingContext {
  readonly method: string;
  readonly url: string;
  readonly statusCode: number;
  readonly redactor?: Redactor | undefined;
}

const NO_CODINGS: readonly ContentCoding[] = Object.freeze([]);

/**
 * The codings of a `Content-Encoding` header in the order they were applied (decode in reverse), with `identity`
 * dropped. Throws {@link ResponseParseError} for an unknown coding or more than {@link MAX_CONTENT_CODINGS}.
 */
export function parseContentCodings(
  header: string | null | undefined,
  context: CodingContext,
): readonly ContentCoding[] {
  if (!header) return NO_CODINGS;
  const parts = header.split(',');
  if (parts.length > MAX_CONTENT_CODINGS) {
    throw codingError(`too many content codings (${parts.length}, at most ${MAX_CONTENT_CODINGS})`, context);
  }
  const codings: ContentCoding[] = [];
  for (const part of parts) {
    const coding = part.trim().toLowerCase();
    if (coding === 'gzip' || coding === 'x-gzip') codings.push('gzip');
    else if (coding === 'deflate' || coding === 'br') codings.push(coding);
    else if (coding !== 'identity' && coding !== '') {
      // The coding name comes from the server: keep it short so a hostile header cannot bloat the message.
      throw codingError(`unsupported content coding "${coding.slice(0, 32)}"`, context);
    }
  }
  return codings;
}

function codingError(message: string, context: CodingContext): ResponseParseError {
  return new ResponseParseError({
    message,
    statusCode: context.statusCode,
    method: context.method,
    url: context.url,
    ...(context.redactor ? { redactor: context.redactor } : {}),
  });
}

/** True when the caller already set an `Accept-Encoding` header (names compared case-insensitively). */
export function hasAcceptEncoding(headers: Readonly<Record<string, string>>): boolean {
  for (const name in headers) {
    if (name.length === 15 && name.toLowerCase() === 'accept-encoding') return true;
  }
  return false;
}

/** The request headers with `Accept-Encoding: gzip, deflate, br` added unless the caller set one. */
export function withAcceptEncoding(headers: Readonly<Record<string, string>>): Record<string, string> {
  if (hasAcceptEncoding(headers)) return headers as Record<string, string>;
  return { ...headers, 'accept-encoding': ACCEPT_ENCODING };
}

/**
 * The request headers with `Accept-Encoding` added unless the caller set one, always as a new object: for a
 * consumer that may write to the headers it is handed (undici's `ProxyAgent` adds `host`), so neither a frozen
 * record nor the caller's own object ever reaches it.
 */
export function copyWithAcceptEncoding(headers: Readonly<Record<string, string>>): Record<string, string> {
  return hasAcceptEncoding(headers) ? { ...headers } : { ...headers, 'accept-encoding': ACCEPT_ENCODING };
}

/** What {@link sharedRequestHeaders} returned for a sealed (checked, frozen) header record: computed once. */
const sharedBySealed = new WeakMap<object, Readonly<Record<string, string>>>();

/**
 * {@link withAcceptEncoding} for a consumer that never writes to the headers it is handed (undici's own `Agent`;
 * not its `ProxyAgent`, which adds `host` to them, nor a user's dispatcher or fetch). For a record from
 * `sealRequestHeaders` the answer is computed once and shared, frozen like the record, so a client that sends the
 * same headers every time pays one `WeakMap` lookup instead of a copy per request.
 */
export function sharedRequestHeaders(
  headers: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  const known = sharedBySealed.get(headers);
  if (known !== undefined) return known;
  const result = withAcceptEncoding(headers);
  if (isSealedHeaders(headers)) sharedBySealed.set(headers, Object.freeze(result));
  return result;
}
