import { type Redactor, ResponseParseError } from '@meta/errors';
import { isJsonContentType, redactedJsonCause } from '@meta/transport/adapter';

export { isJsonContentType };

function isBlank(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

/** Whitespace before an HTML document: HTML's own (space, tab, LF, FF, CR), plus NBSP as `\s` had it. */
function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0xa0;
}

/** The last `Content-Type` value judged, and the verdict: a server labels nearly every answer the same way. */
let lastContentType: string | null = null;
let lastNamesJson = false;

/** {@link isJsonContentType}, with the verdict on the last value remembered (it depends on the text alone). */
function namesJson(contentType: string | null): boolean {
  if (contentType === null) return false;
  if (contentType !== lastContentType) {
    lastNamesJson = isJsonContentType(contentType);
    lastContentType = contentType;
  }
  return lastNamesJson;
}

/** Where a body came from, for the parse error's message. */
export interface DecodeTarget {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly redactor: Redactor;
}

const HTML_MEDIA_TYPES: ReadonlySet<string> = new Set(['text/html', 'application/xhtml+xml']);

/** True for an HTML label, or a body that starts like an HTML document whatever its label (SPEC 3.5 v2). */
export function looksLikeHtml(contentType: string | null, text: string): boolean {
  if (contentType !== null) {
    const semicolon = contentType.indexOf(';');
    const mediaType = (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
    if (HTML_MEDIA_TYPES.has(mediaType)) return true;
  }
  // A BOM and any run of leading whitespace are skipped (a template engine may emit hundreds of blank lines
  // before `<!DOCTYPE html>`); then only 14 characters are looked at, so this stays cheap on large bodies.
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (index < text.length && isWhitespace(text.charCodeAt(index))) index++;
  const start = text.slice(index, index + 14).toLowerCase();
  return start.startsWith('<!doctype html') || start.startsWith('<html');
}

/** The error for an HTML page where data was expected: it names the URL and the two usual causes. */
function htmlResponseError(text: string, target: DecodeTarget): ResponseParseError {
  return new ResponseParseError({
    code: 'ERR_HTML_RESPONSE',
    statusCode: target.status,
    snippet: text,
    message:
      'the server answered with an HTML page instead of API data. Likely causes: the baseUrl lacks the /api ' +
      'path (OpenMetadata serves its web UI with 200 there), or an auth proxy answered with its login page. ' +
      'Pass rawData: true to receive the HTML as text',
    method: target.method,
    url: target.url,
    redactor: target.redactor,
  });
}

/**
 * The data of a 2xx body (SPEC 3.5, 3.8): no body or a blank one is `null`; JSON content types are parsed
 * (invalid JSON is a `ResponseParseError`, never `null`); an HTML page is a `ResponseParseError` with code
 * `ERR_HTML_RESPONSE` unless `rawData` asked for the response as it is; anything else is the text.
 */
export function decodeSuccessBody(text: string | undefined, target: DecodeTarget, rawData: boolean): unknown {
  if (text === undefined || text.length === 0) return null;
  if (namesJson(target.contentType)) {
    try {
      return JSON.parse(text);
    } catch (error) {
      if (isBlank(text)) return null;
      // An HTML page under a JSON label (a proxy's login page) is still an HTML page.
      if (looksLikeHtml(null, text)) {
        if (rawData) return text;
        throw htmlResponseError(text, target);
      }
      throw new ResponseParseError({
        statusCode: target.status,
        snippet: text,
        message: 'the response body is not valid JSON',
        method: target.method,
        url: target.url,
        // Never the SyntaxError itself, which quotes the body: the transports' one rule for a safe cause.
        cause: redactedJsonCause(error, target.redactor),
        redactor: target.redactor,
      });
    }
  }
  if (isBlank(text)) return null;
  if (!rawData && looksLikeHtml(target.contentType, text)) throw htmlResponseError(text, target);
  return text;
}
