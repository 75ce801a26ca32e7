import { UNPRINTABLE } from './header-entries.js';
import { isJsonContentType } from './json-content-type.js';
import type { HeaderRecord, HeadersLike, Redactor } from './redaction.js';
import { normaliseMethod } from './request-target.js';

/** The largest error body kept on an error, in UTF-16 code units of text (SPEC 3.8: 64 KiB). */
export const MAX_ERROR_BODY_CHARACTERS = 64 * 1024;

/** The request side of a failed exchange, as stored on errors: redacted. */
export interface ErrorRequestInfo {
  /** The method, upper case. */
  readonly method: string;
  /** The redacted URL. */
  readonly url: string;
  /** The redacted headers. */
  readonly headers: HeaderRecord;
}

/** The response side of a failed exchange, as stored on errors: redacted, body parsed when JSON. */
export interface ErrorResponseInfo {
  /** The HTTP status. */
  readonly status: number;
  /** The reason phrase as received (empty over HTTP/2). */
  readonly statusText: string;
  /** The redacted headers. */
  readonly headers: HeaderRecord;
  /** The redacted body: JSON values as parsed, text (and bytes, decoded as UTF-8) as a bounded snippet. */
  readonly body: unknown;
}

/** The request as a caller hands it to an error constructor; it is redacted before it is stored. */
export interface RequestInfoInput {
  /** The method; stored upper case. */
  readonly method: string;
  /** The absolute URL. */
  readonly url: string | URL;
  /** The headers as sent. */
  readonly headers?: HeadersLike | undefined;
}

/** The response as a caller hands it to an error constructor; it is redacted before it is stored. */
export interface ResponseInfoInput {
  /** The HTTP status. */
  readonly status: number;
  /** The reason phrase. */
  readonly statusText?: string | undefined;
  /** The headers as received. */
  readonly headers?: HeadersLike | undefined;
  /** The body: parsed JSON, text, or bytes. */
  readonly body?: unknown;
}

/** Where to cut text to at most `limit` code units without splitting a surrogate pair. */
function cutPoint(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}

/**
 * Cut text to the error-body bound, saying how much was dropped. Never cuts a surrogate pair in half.
 *
 * @example
 * ```ts
 * boundedSnippet('abcdef', 3); // 'abc… [3 more characters]'
 * ```
 */
export function boundedSnippet(text: string, limit = MAX_ERROR_BODY_CHARACTERS): string {
  if (text.length <= limit) return text;
  const end = cutPoint(text, limit);
  return `${text.slice(0, end)}… [${text.length - end} more characters]`;
}

/**
 * Redact, then bound. Redacting first means a secret that straddles the cut is never half kept. Only a head of
 * the text is redacted (the bound plus a margin of at least 64 KiB, longer than any real token), so a huge body
 * costs no more than a small one.
 */
export function redactedSnippet(text: string, redactor: Redactor, limit = MAX_ERROR_BODY_CHARACTERS): string {
  const window = limit + Math.max(limit, MAX_ERROR_BODY_CHARACTERS);
  const head = text.length > window ? text.slice(0, window) : text;
  const redacted = redactor.text(head);
  const dropped = text.length - head.length;
  if (dropped === 0) return boundedSnippet(redacted, limit);
  const end = cutPoint(redacted, limit);
  return `${redacted.slice(0, end)}… [${redacted.length - end + dropped} more characters]`;
}

function bodyText(body: ArrayBuffer | ArrayBufferView): string {
  const bytes =
    body instanceof ArrayBuffer
      ? new Uint8Array(body)
      : new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  return new TextDecoder().decode(bytes);
}

/** A body as errors keep it: text bounded, JSON kept unless its text form passes the bound. */
function storedBody(body: unknown, redactor: Redactor): unknown {
  if (typeof body === 'string') return redactedSnippet(body, redactor);
  if (typeof body !== 'object' || body === null) return body;
  try {
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body))
      return redactedSnippet(bodyText(body), redactor);
  } catch {
    // A proxy that throws on every trap is no body anyone can read.
    return UNPRINTABLE;
  }
  const redacted = redactor.value(body);
  let serialised: string | undefined;
  try {
    serialised = JSON.stringify(redacted);
  } catch {
    // A hand-built body that JSON cannot show (a BigInt inside) is kept as it is.
  }
  // An error keeps at most 64 KiB of body (SPEC 3.8): a larger JSON body is kept as its bounded text.
  return serialised !== undefined && serialised.length > MAX_ERROR_BODY_CHARACTERS
    ? boundedSnippet(serialised)
    : redacted;
}

/** The request as errors store it: frozen and redacted. */
export function redactRequest(request: RequestInfoInput, redactor: Redactor): ErrorRequestInfo {
  return Object.freeze({
    method: normaliseMethod(request.method),
    url: redactor.url(request.url),
    headers: Object.freeze(redactor.headers(request.headers)),
  });
}

/** The first `Content-Type` of a header record (names compared case-insensitively), or `undefined`. */
function contentTypeOf(headers: HeaderRecord): string | undefined {
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-type') return headers[name];
  return undefined;
}

/**
 * A body handed over as text (or bytes) under a JSON content type, parsed: SPEC section 1 keeps the body "parsed
 * when JSON". Text that does not parse, or is past the 64 KiB bound, stays text.
 */
function parsedJsonBody(body: unknown, headers: HeaderRecord): unknown {
  if (!isJsonContentType(contentTypeOf(headers))) return body;
  let text: string | undefined;
  try {
    if (typeof body === 'string') text = body;
    else if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) text = bodyText(body);
  } catch {
    return body;
  }
  if (text === undefined || text.trim() === '' || text.length > MAX_ERROR_BODY_CHARACTERS) return body;
  try {
    return JSON.parse(text);
  } catch {
    return body;
  }
}

/** The response as errors store it: frozen, redacted, body parsed when JSON, else bounded text. */
export function redactResponse(response: ResponseInfoInput, redactor: Redactor): ErrorResponseInfo {
  const headers = Object.freeze(redactor.headers(response.headers));
  return Object.freeze({
    status: response.status,
    statusText: typeof response.statusText === 'string' ? redactor.text(response.statusText) : '',
    headers,
    body: storedBody(parsedJsonBody(response.body, headers), redactor),
  });
}
