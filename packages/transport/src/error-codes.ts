/*
 * The platform's error codes and the stable ones the transports report (see the error table in the README). Read
 * through `#platform-failure` by the error mapper, so a browser bundle, whose fetch reports no codes, carries none
 * of these tables; exported as is from `@meta/transport/adapter` for third-party transports.
 */

/**
 * Codes that all mean "the peer closed or reset the connection". Each adapter reports these differently (Node's
 * fetch says `UND_ERR_SOCKET`, a write after a reset says `EPIPE`), so both map them to one stable code,
 * `ECONNRESET`, and keep the platform's error in `cause`. `beforeResponse` tells the two situations apart.
 */
const RESET_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'UND_ERR_SOCKET',
  'EPIPE',
  // undici 8's HTTP/2 client for a GOAWAY with an error code mid-stream (undici 7 says "other side closed").
  'ERR_HTTP2_SESSION_ERROR',
  // undici 8's proxy connection closed before the proxy answered CONNECT, when no deeper code says why.
  'UND_ERR_PRX_CONN',
]);

/** Codes that only wrap the real failure: the code of their cause, when there is one, is the one reported. */
const WRAPPER_CODES: ReadonlySet<string> = new Set(['UND_ERR_PRX_CONN']);

/**
 * The one code for a response the platform's HTTP/1.1 parser refused. llhttp's own codes are not stable across
 * the parsers a transport runs on: undici 7 and 8 report none (`HPE_*` is lost in their error class), Node 20's
 * bundled undici 6 reports a specific one, and where it reports one the undici versions disagree on the fault
 * itself (a duplicate Content-Length is llhttp's `HPE_UNEXPECTED_CONTENT_LENGTH` in undici 6, undici's
 * `UND_ERR_RES_CONTENT_LENGTH_MISMATCH` in 7 and 8). So every adapter reports this code and keeps the parser's
 * error in `cause`.
 */
export const PARSER_ERROR_CODE = 'HPE_INVALID_RESPONSE';

/** Platform codes that mean "the response's framing is malformed", reported as {@link PARSER_ERROR_CODE}. */
const PARSER_CODES: ReadonlySet<string> = new Set(['UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

/**
 * The first `code` found on the error or its causes (fetch wraps the real error in a `TypeError`). A parser's own
 * code (an llhttp `HTTPParserError`, node:http's `HPE_*`) is {@link PARSER_ERROR_CODE}; the strict chunked
 * decoder's (`ChunkedFramingError`, the same on every adapter) is kept.
 */
export function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let wrapper: string | undefined;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { name, code } = current as { name?: unknown; code?: unknown };
    // Before its code: an llhttp error's code depends on the undici version (see PARSER_ERROR_CODE).
    if (name === 'HTTPParserError') return PARSER_ERROR_CODE;
    if (typeof code === 'string' && code !== '') {
      if (!WRAPPER_CODES.has(code)) {
        return code.startsWith('HPE_') && name !== 'ChunkedFramingError' ? PARSER_ERROR_CODE : code;
      }
      wrapper ??= code;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return wrapper;
}

/** The stable code a platform code maps to (see the error table in the README). */
export function stableNetworkCode(code: string | undefined): string {
  if (code === undefined) return 'ERR_NETWORK';
  if (PARSER_CODES.has(code)) return PARSER_ERROR_CODE;
  return RESET_CODES.has(code) ? 'ECONNRESET' : code;
}
