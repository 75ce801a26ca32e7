import {
  isMetaError,
  NetworkError,
  type Redactor,
  ResponseParseError,
  TimeoutError,
  type TimeoutPhase,
} from '@meta/errors';

/** Which exchange failed and how far it got, for the error message and `beforeResponse`. */
export interface FailureContext {
  readonly method: string;
  readonly url: string;
  readonly redactor?: Redactor | undefined;
  /** True while no response byte has arrived. */
  readonly beforeResponse: boolean;
  /** The status, once the headers arrived (for decoding errors). */
  readonly statusCode?: number | undefined;
  /** The per-attempt deadline, for timeout messages. */
  readonly timeoutMs?: number | undefined;
}

/**
 * Codes that all mean "the peer closed or reset the connection". Each adapter reports these differently (Node's
 * fetch says `UND_ERR_SOCKET`, a write after a reset says `EPIPE`), so both map them to one stable code,
 * `ECONNRESET`, and keep the platform's error in `cause`. `beforeResponse` tells the two situations apart.
 */
const RESET_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'UND_ERR_SOCKET', 'EPIPE']);

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

/** undici's own timeout codes and the deadline each one means. */
const TIMEOUT_PHASES: Readonly<Record<string, TimeoutPhase>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

/**
 * The code undici's HTTP parser errors get when undici reports none (some llhttp failures, such as a response
 * that does not start with `HTTP/`, arrive without a code).
 */
export const PARSER_ERROR_CODE = 'HPE_INVALID_RESPONSE';

/** The first `code` found on the error or its causes (fetch wraps the real error in a `TypeError`). */
export function findErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    if ((current as { name?: unknown }).name === 'HTTPParserError') return PARSER_ERROR_CODE;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The stable code a platform code maps to (see the error table in the README). */
export function stableNetworkCode(code: string | undefined): string {
  if (code === undefined) return 'ERR_NETWORK';
  return RESET_CODES.has(code) ? 'ECONNRESET' : code;
}

/**
 * Turn whatever the platform threw into the `@meta` error for it: `@meta` errors pass through; undici timeouts become
 * {@link TimeoutError}; zlib failures become {@link ResponseParseError}; everything else is a
 * {@link NetworkError} with the stable code, the redacted target in its message and the original in `cause`.
 */
export function mapTransportError(error: unknown, context: FailureContext): Error {
  if (isMetaError(error)) return error;
  const code = findErrorCode(error);
  const redactor = context.redactor ? { redactor: context.redactor } : {};
  const phase = code === undefined ? undefined : TIMEOUT_PHASES[code];
  if (phase !== undefined) {
    return new TimeoutError({
      phase,
      method: context.method,
      url: context.url,
      cause: error,
      ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
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
  if (isBadResponse(error)) {
    // undici's parser refused a response after reading its status line (an unsolicited `100 Continue`): not a
    // connection failure, and a replay meets the same response.
    return new NetworkError({
      code: 'ERR_BAD_RESPONSE',
      message: 'the server sent a response the HTTP parser cannot read (an unsolicited 100 Continue)',
      method: context.method,
      url: context.url,
      cause: error,
      beforeResponse: false,
      ...redactor,
    });
  }
  return new NetworkError({
    code: stableNetworkCode(code),
    message: describeCause(error),
    method: context.method,
    url: context.url,
    cause: error,
    // A parser error means response bytes did arrive, even if no valid status line was made of them.
    beforeResponse:
      context.beforeResponse && !code?.startsWith('HPE_') && !RESPONSE_ARRIVED_CODES.has(code ?? ''),
    retryable: !isPermanentFailureCode(code),
    ...redactor,
  });
}

/**
 * TLS alerts and certificate failures: the same server gives the same answer on a replay, so `retryable` is false
 * (REST never retries them; a missing client certificate included).
 */
function isPermanentFailureCode(code: string | undefined): boolean {
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

/** undici's `SocketError: bad response` (code `UND_ERR_SOCKET`), on the error or its causes (fetch wraps it). */
function isBadResponse(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (code === 'UND_ERR_SOCKET' && message === 'bad response') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Node's fetch refuses more than five content codings itself, before the transport sees the headers, with a plain
 * `Error` that has no code; its message is the only way to recognise it.
 */
function isCodingLimitError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && message.startsWith('too many content-encodings')) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** A short reason for the message: the innermost platform message (fetch's own is only "fetch failed"). */
function describeCause(error: unknown): string {
  let current: unknown = error;
  let message = 'network error';
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const text = (current as { message?: unknown }).message;
    if (typeof text === 'string' && text !== '' && text !== 'fetch failed') message = text;
    current = (current as { cause?: unknown }).cause;
  }
  return message.length > 200 ? `${message.slice(0, 200)}...` : message;
}

/** The deadline error for an attempt that ran out of time in `phase`. */
export function attemptTimeout(
  phase: TimeoutPhase,
  context: Omit<FailureContext, 'beforeResponse'>,
): TimeoutError {
  return new TimeoutError({
    phase,
    method: context.method,
    url: context.url,
    ...(context.timeoutMs === undefined ? {} : { timeoutMs: context.timeoutMs }),
    ...(context.redactor ? { redactor: context.redactor } : {}),
  });
}
