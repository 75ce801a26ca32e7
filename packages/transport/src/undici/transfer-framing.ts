import type { ContentCoding } from '../content-codings.js';

/** How a response body is framed beyond what undici's parser did with it. */
export interface TransferFraming {
  /** True when the body still carries chunked framing undici's parser did not remove. */
  readonly dechunk: boolean;
  /** Transfer codings other than `chunked`, in the order applied (decoded like content codings). */
  readonly codings: readonly ContentCoding[];
}

const PLAIN: TransferFraming = Object.freeze({ dechunk: false, codings: Object.freeze([]) });

/**
 * llhttp (undici's parser) removes chunked framing only when the last `Transfer-Encoding` line ends with the token
 * `chunked` followed by nothing but spaces; `chunked<TAB>` or a trailing comma make it read the body up to the
 * connection's close, framing included.
 */
const PARSER_DECHUNKS = /(?:^|,)[ \t]*chunked *$/i;

/**
 * Read a response's `Transfer-Encoding` (RFC 9112 section 6.1) the way the RFC does: a list with optional
 * whitespace and empty elements. Returns what the adapter must still undo, or a reason string for a coding it
 * cannot decode (which must fail typed, never reach the caller as body bytes: issues 17.3, 17.4, 18.4).
 */
export function transferFraming(header: string | readonly string[] | undefined): TransferFraming | string {
  // The common case, answered without parsing.
  if (header === undefined || header === 'chunked') return PLAIN;
  const lines = typeof header === 'string' ? [header] : header;
  const tokens: string[] = [];
  for (const line of lines) {
    for (const part of line.split(',')) {
      const token = part.replace(/^[ \t]+|[ \t]+$/g, '').toLowerCase();
      if (token !== '') tokens.push(token);
    }
  }
  if (tokens.length === 0) return 'an empty Transfer-Encoding';
  const chunkedLast = tokens[tokens.length - 1] === 'chunked';
  const applied = chunkedLast ? tokens.slice(0, -1) : tokens;
  const codings: ContentCoding[] = [];
  for (const token of applied) {
    if (token === 'gzip' || token === 'x-gzip') codings.push('gzip');
    else if (token === 'deflate') codings.push('deflate');
    else return `the transfer coding "${token.slice(0, 32)}" cannot be decoded`;
  }
  const lastLine = lines[lines.length - 1] ?? '';
  const dechunk = chunkedLast && !PARSER_DECHUNKS.test(lastLine);
  if (!dechunk && codings.length === 0) return PLAIN;
  return { dechunk, codings };
}
