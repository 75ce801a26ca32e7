/*
 * What undici and Node report beyond a plain connection failure: its own timeout codes, zlib and HTTP parser
 * failures, TLS alerts. Imported as `#platform-failure`: a bundler targeting browsers resolves that to
 * platform-failure-browser.ts instead, because a browser's fetch reports every failure as a bare `TypeError`
 * (no code, no cause) and none of this code could ever match there. Everywhere else (Node, Deno, Bun, edge
 * runtimes, a bundle for Node) this module is used.
 */
import { NetworkError, ResponseParseError, TimeoutError, type TimeoutPhase } from '@meta/errors';
import { PARSER_ERROR_CODE, stableNetworkCode } from './error-codes.js';
import type { FailureContext } from './map-transport-error.js';

export { findErrorCode as platformCode, stableNetworkCode as stableCode } from './error-codes.js';

/**
 * Codes undici reports when response bytes did arrive but no response was handed over: a body that disagrees
 * with its framing (undici also reports a response with both Content-Length and Transfer-Encoding this way) or
 * headers that are too large. The status line arrived, so such a failure must never be replayed.
 */
const RESPONSE_ARRIVED_CODES: ReadonlySet<string> = new Set([
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'UND_ERR_HEADERS_OVERFLOW',
  'UND_ERR_RES_EXCEEDED_MAX_SIZE',
]);

/** The fetch wire's brand on a failure after the first response byte, before the final head (wire-handler.ts). */
const RESPONSE_BEGAN = Symbol.for('@meta/transport.responseBegan');

/** undici's own timeout codes and the deadline each one means. */
const TIMEOUT_PHASES: Readonly<Record<string, TimeoutPhase>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

/**
 * The `@meta` error for a failure that is not a plain connection failure, or `undefined`: undici timeouts become
 * {@link TimeoutError}; zlib failures {@link ResponseParseError}; undici's `bad response` (an unsolicited
 * `100 Continue`) a {@link NetworkError} that must not be replayed.
 */
export function platformFailure(
  error: unknown,
  code: string | undefined,
  context: FailureContext,
): Error | undefined {
  const redactor = context.redactor ? { redactor: context.redactor } : {};
  const phase = code !== undefined && Object.hasOwn(TIMEOUT_PHASES, code) ? TIMEOUT_PHASES[code] : undefined;
  if (phase !== undefined) {
    // A connect timeout names the connect timeout that fired, not the attempt's deadline.
    const timeoutMs = (phase === 'connect' ? connectTimeoutOf(error) : undefined) ?? context.timeoutMs;
    return new TimeoutError({
      phase,
      method: context.method,
      url: context.url,
      cause: error,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...redactor,
    });
  }
  if (code?.startsWith('Z_') || code?.startsWith('ERR_BROTLI') || isCodingLimitError(error)) {
    return new ResponseParseError({
      message: 'the response body could not be decoded',
      method: context.method,
      url: context.url,
      cause: error,
      ...(context.statusCode === undefined ? {} : { statusCode: context.statusCode }),
      ...redactor,
    });
  }
  if (code === 'ERR_ASSERTION' && isStatusBelow100(error)) {
    // undici's parser takes any three digits as a status (`099`), then asserts it is at least 100: the same
    // malformed status line llhttp refuses in other spellings, so the same parser code on every adapter.
    return new NetworkError({
      code: PARSER_ERROR_CODE,
      message: 'the server sent a status below 100',
      method: context.method,
      url: context.url,
      cause: error,
      beforeResponse: false,
      ...redactor,
    });
  }
  if (isBadResponse(error, code)) {
    // undici's parser refused a response after reading its status line (an unsolicited `100 Continue` or
    // `101 Switching Protocols`): not a connection failure, and a replay meets the same response.
    return new NetworkError({
      code: 'ERR_BAD_RESPONSE',
      message:
        'the server sent a response the HTTP parser cannot read (an unsolicited 100 Continue or 101 Switching ' +
        'Protocols)',
      method: context.method,
      url: context.url,
      cause: error,
      beforeResponse: false,
      ...redactor,
    });
  }
  const began = causeWhere(error, (link) => (link as Record<symbol, unknown>)[RESPONSE_BEGAN] === true);
  if (began !== undefined) {
    // A head cut short (the fetch wire saw its first bytes; fetch does not say): after the response began.
    return new NetworkError({
      code: stableNetworkCode(code),
      message: String(began.message),
      method: context.method,
      url: context.url,
      cause: error,
      beforeResponse: false,
      ...redactor,
    });
  }
  return undefined;
}

/** undici's connect timeout message: `Connect Timeout Error (attempted address: host:443, timeout: 300ms)`. */
const UNDICI_CONNECT_TIMEOUT = /timeout: (\d+)ms\)$/;

/**
 * The delay of the connect timeout that fired, on the error or its causes (fetch wraps it): the transport's own
 * `ConnectTimeoutError` carries `timeoutMs`; undici's (through a proxy, a borrowed dispatcher, Node's fetch) only
 * says it in its message.
 */
function connectTimeoutOf(error: unknown): number | undefined {
  const timeout = causeWhere(error, (link) => link.code === 'UND_ERR_CONNECT_TIMEOUT');
  if (timeout === undefined) return undefined;
  if (typeof timeout.timeoutMs === 'number' && Number.isFinite(timeout.timeoutMs)) return timeout.timeoutMs;
  const match = typeof timeout.message === 'string' ? UNDICI_CONNECT_TIMEOUT.exec(timeout.message) : null;
  return match === null ? undefined : Number(match[1]);
}

/** True when response bytes did arrive, even if no valid status line was made of them (a parser error). */
export function responseArrived(code: string | undefined): boolean {
  return code !== undefined && (code.startsWith('HPE_') || RESPONSE_ARRIVED_CODES.has(code));
}

/**
 * TLS alerts and certificate failures: the same server gives the same answer on a replay, so `retryable` is false
 * (REST never retries them; a missing client certificate included).
 */
export function isPermanentFailureCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  return (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code.includes('CERT') ||
    code.includes('SELF_SIGNED') ||
    code.startsWith('UNABLE_TO_') ||
    code === 'HOSTNAME_MISMATCH'
  );
}

/**
 * undici's `SocketError: bad response` (code `UND_ERR_SOCKET`, an unsolicited 100) and `bad upgrade` (a
 * `101` with `Upgrade` to a request that asked for none), on the error or its causes
 * (fetch wraps it); undici's parser asserting on a `101` the client never asked for (`ERR_ASSERTION`, undici 7 and
 * 8, Node 24's fetch); or the Node fetch wire's own refusal of either (`ERR_BAD_RESPONSE`).
 */
function isBadResponse(error: unknown, code: string | undefined): boolean {
  if (code === 'ERR_ASSERTION' || code === 'ERR_BAD_RESPONSE') return true;
  const isBad = (link: CauseLink) =>
    link.code === 'UND_ERR_SOCKET' && (link.message === 'bad response' || link.message === 'bad upgrade');
  return causeWhere(error, isBad) !== undefined;
}

/** undici's `assert(statusCode >= 100)` in its HTTP/1.1 client (undici 7 and 8), on the error or its causes. */
function isStatusBelow100(error: unknown): boolean {
  const isAssertion = (link: CauseLink) =>
    typeof link.message === 'string' && link.message.includes('statusCode >= 100');
  return causeWhere(error, isAssertion) !== undefined;
}

/**
 * Node's fetch refuses more than five content codings itself, before the transport sees the headers, with a plain
 * `Error` that has no code; its message is the only way to recognise it.
 */
function isCodingLimitError(error: unknown): boolean {
  const isLimit = (link: CauseLink) =>
    typeof link.message === 'string' && link.message.startsWith('too many content-encodings');
  return causeWhere(error, isLimit) !== undefined;
}

/** The fields of an error (or of one of its causes) that the checks above read. */
interface CauseLink {
  readonly code?: unknown;
  readonly message?: unknown;
  readonly timeoutMs?: unknown;
}

/** The error or the first of its causes (fetch and undici wrap errors, at most five deep) that `matches`. */
function causeWhere(error: unknown, matches: (link: CauseLink) => boolean): CauseLink | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if (matches(current as CauseLink)) return current as CauseLink;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
