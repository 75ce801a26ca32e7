import { APIError, type Redactor } from '@meta/errors';
import { readTextPrefix, type TransportResponse } from '@meta/transport';
import { isJsonContentType } from '@meta/transport/adapter';

/** The request side of a failed exchange, as sent (the error redacts it). */
export interface SentRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Extra fields of the APIError: a delay not slept, the Location of a 3xx, why the body is missing. */
export interface APIErrorExtras {
  readonly retryAfterMs?: number | undefined;
  readonly location?: string | undefined;
  readonly cause?: unknown;
}

/** The most error-body characters an APIError keeps (SPEC 3.8: 64 KiB); it cuts longer bodies itself. */
const MAX_ERROR_BODY_CHARACTERS = 64 * 1024;

/** A failed response's body as read: the text (possibly cut), or why it could not be read. */
export interface ErrorBodyText {
  readonly text: string | undefined;
  /** True when the body was longer than {@link MAX_ERROR_BODY_DOWNLOAD_BYTES}: the rest was not downloaded. */
  readonly truncated?: boolean;
  readonly cause?: unknown;
}

/**
 * The most decoded bytes of an error body that are read (issue 12.7): the APIError keeps at most 64 KiB
 * characters, and what is read past them (at least 87 K characters at 3 bytes each) lets a secret that straddles
 * the cut be redacted whole before the cut. The rest is cancelled, never downloaded, on every attempt; a body
 * declared larger by its Content-Length is not read at all.
 */
export const MAX_ERROR_BODY_DOWNLOAD_BYTES = 4 * MAX_ERROR_BODY_CHARACTERS;

/** Statuses and methods whose response has no body to read (RFC 9110). */
function hasNoBody(status: number, method: string): boolean {
  return status === 204 || status === 205 || status === 304 || method === 'HEAD';
}

/**
 * Read a failed response's body, releasing the connection whatever happens. The status wins over the body
 * (SPEC 3.8 v2): a body that cannot be read (too large, cut off, badly encoded) leaves `text` undefined and its
 * failure as `cause`, and the APIError still follows. Only an abort of the call (the caller's signal or a forced
 * close) rejects, with its reason (issue 12.11).
 */
export async function readErrorBody(
  response: TransportResponse,
  method: string,
  signal: AbortSignal | undefined,
): Promise<ErrorBodyText> {
  if (hasNoBody(response.status, method)) {
    await response.cancel().catch(() => {});
    return { text: undefined };
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  // Compressed or not: a compressed body decodes to at least as many bytes as it declares, in practice.
  if (declared > MAX_ERROR_BODY_DOWNLOAD_BYTES) {
    await response.cancel().catch(() => {});
    const reason = `the error body (Content-Length ${declared}) was not downloaded: over ${MAX_ERROR_BODY_DOWNLOAD_BYTES} bytes`;
    return { text: undefined, cause: new Error(reason) };
  }
  try {
    // A transport without a bounded read reads the body whole (up to maxResponseBytes), then it is cut the same.
    const { text, truncated } = await readTextPrefix(response, MAX_ERROR_BODY_DOWNLOAD_BYTES);
    return truncated ? { text, truncated } : { text };
  } catch (error) {
    await response.cancel().catch(() => {});
    if (signal?.aborted) throw signal.reason;
    return { text: undefined, cause: error };
  }
}

/**
 * The text of an error body that was cut off: redacted first (so a secret straddling the cut is masked whole,
 * never half kept), then cut to fit, with the marker, within the 64 KiB the APIError keeps, so the APIError stores
 * it as it is. The marker has the APIError's own form (`… [what was dropped]`) but says the rest was never read.
 */
function truncatedBodyText(text: string, redactor: Redactor): string {
  const marker = `… [the error body is over ${MAX_ERROR_BODY_DOWNLOAD_BYTES} bytes; the rest was not downloaded]`;
  const redacted = redactor.text(text);
  let end = Math.min(redacted.length, MAX_ERROR_BODY_CHARACTERS - marker.length);
  const last = redacted.charCodeAt(end - 1);
  // Never cut a surrogate pair in half.
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${redacted.slice(0, end)}${marker}`;
}

/** The APIError's body: parsed when it is JSON (and small enough to keep whole), else the text. */
function errorBodyValue(text: string | undefined, contentType: string | null): unknown {
  if (text === undefined) return undefined;
  if (text.length <= MAX_ERROR_BODY_CHARACTERS && isJsonContentType(contentType) && text.trim().length > 0) {
    try {
      return JSON.parse(text);
    } catch {
      // A broken JSON error body is still worth showing as text.
    }
  }
  return text;
}

/** The redacted `APIError` for a failed response whose body was already read. */
export function createAPIError(
  response: TransportResponse,
  body: ErrorBodyText,
  request: SentRequest,
  redactor: Redactor,
  extras: APIErrorExtras = {},
): APIError {
  const value =
    body.truncated === true && body.text !== undefined
      ? truncatedBodyText(body.text, redactor)
      : errorBodyValue(body.text, response.headers.get('content-type'));
  const cause = extras.cause ?? body.cause;
  return new APIError(value, {
    request,
    response: {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: value,
    },
    redactor,
    ...(extras.retryAfterMs === undefined ? {} : { retryAfterMs: extras.retryAfterMs }),
    ...(extras.location === undefined ? {} : { location: extras.location }),
    ...(cause === undefined ? {} : { cause }),
  });
}
