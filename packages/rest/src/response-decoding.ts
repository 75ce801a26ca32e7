import { MAX_ERROR_BODY_CHARACTERS, type Redactor, ResponseParseError } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';

/**
 * True for `application/json` and any `type/subtype+json`, case-insensitive, parameters ignored (SPEC 3.8).
 * Hand-rolled instead of a regex because it runs on every response.
 */
export function isJsonContentType(contentType: string | null): boolean {
  if (contentType === null) return false;
  const semicolon = contentType.indexOf(';');
  const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (mediaType === 'application/json') return true;
  const slash = mediaType.indexOf('/');
  return slash > 0 && mediaType.length > slash + 6 && mediaType.endsWith('+json');
}

function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

/** Where a body came from, for the parse error's message. */
export interface DecodeTarget {
  readonly method: string;
  readonly url: string;
  readonly redactor: Redactor;
}

/**
 * The data of a 2xx response: JSON content types parsed (invalid JSON is a `ResponseParseError`, never `null`),
 * an empty or whitespace-only body (or 204/205, or HEAD) is `null`, anything else is the text.
 */
export async function decodeResponseBody(
  response: TransportResponse,
  target: DecodeTarget,
): Promise<unknown> {
  if (response.status === 204 || response.status === 205 || target.method === 'HEAD') {
    await response.cancel();
    return null;
  }
  const text = await response.text();
  if (text.length === 0) return null;
  if (!isJsonContentType(response.headers.get('content-type'))) return isBlank(text) ? null : text;
  try {
    return JSON.parse(text);
  } catch (error) {
    if (isBlank(text)) return null;
    throw new ResponseParseError({
      statusCode: response.status,
      snippet: text,
      message: 'the response body is not valid JSON',
      method: target.method,
      url: target.url,
      cause: error,
      redactor: target.redactor,
    });
  }
}

/**
 * The body of a failed response for the `APIError`: parsed when it is JSON, else text (bounded to 64 KiB by
 * the error). A body that cannot be read (too large, cut off) leaves `undefined`: the APIError still follows.
 */
export async function readErrorBody(
  response: TransportResponse,
): Promise<{ body: unknown; cause?: unknown }> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    await response.cancel().catch(() => {});
    return { body: undefined, cause: error };
  }
  // A huge JSON error body is kept as text so the APIError can cut it to 64 KiB instead of holding all of it.
  const parseable = text.length <= MAX_ERROR_BODY_CHARACTERS && !isBlank(text);
  if (parseable && isJsonContentType(response.headers.get('content-type'))) {
    try {
      return { body: JSON.parse(text) };
    } catch {
      // A broken JSON error body is still worth showing as text.
    }
  }
  return { body: text };
}
