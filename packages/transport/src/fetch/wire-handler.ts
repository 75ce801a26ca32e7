import { ChunkedDecoder, ChunkedFramingError, type ChunkedSink } from '../undici/chunked-decoder.js';
import type { RawHeaderList } from '../undici/raw-response-headers.js';
import { transferFraming } from '../undici/transfer-framing.js';
import type { NodeFetchWire } from './node-fetch-wire.js';

/** The handler shape Node's fetch gives a dispatcher (undici's v1 handler API, used by Node 20's to 24's fetch). */
export interface FetchDispatchHandler {
  onConnect?(abort: (reason?: unknown) => void, context?: unknown): void;
  onResponseStarted?(): void;
  onHeaders?(status: number, rawHeaders: unknown[], resume: () => void, statusText: string): boolean;
  onData?(chunk: Uint8Array): boolean | undefined;
  onComplete?(trailers: unknown): void;
  onError?(error: unknown): void;
  onUpgrade?(status: number, rawHeaders: unknown[], socket: unknown): void;
  onBodySent?(chunk: unknown): void;
  onRequestSent?(): void;
}

/**
 * Whether a raw header name (a Buffer from undici, or a string) is `lowercase`, compared case-insensitively. The
 * byte length is checked first: it rules out almost every name without turning the Buffer into a string.
 */
function isHeaderName(name: unknown, lowercase: string): boolean {
  if (name === null || name === undefined) return false;
  if ((name as { length?: unknown }).length !== lowercase.length) return false;
  const text = typeof name === 'string' ? name : String(name);
  return text.length === lowercase.length && text.toLowerCase() === lowercase;
}

/** Whether raw headers carry a Content-Encoding or Transfer-Encoding (the only ones the wire changes or reads). */
function hasCodingHeader(rawHeaders: readonly unknown[]): boolean {
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index];
    if (isHeaderName(name, 'content-encoding') || isHeaderName(name, 'transfer-encoding')) return true;
  }
  return false;
}

/**
 * A status the undici transport's parser refuses, which Node 20's fetch would pass (a `101` the client never asked
 * for: fetch takes it as interim) or trip an internal assertion on (below 100): the same typed error as there.
 */
function refusedStatus(status: number): Error | undefined {
  if (status === 101) {
    return Object.assign(new Error('an unsolicited 101 Switching Protocols'), { code: 'ERR_BAD_RESPONSE' });
  }
  if (status < 100) {
    return Object.assign(new Error(`invalid status code ${status}`), { code: 'HPE_INVALID_RESPONSE' });
  }
  return undefined;
}

/** Node 20's fetch parser passes a header name holding whitespace; Node 22 and later refuse it themselves. */
const LENIENT_HEADER_NAMES = Number(globalThis.process?.versions?.node?.split('.')[0] ?? 0) < 22;

/**
 * A header name holding a space or a tab (`x y: z`), which Node 20's fetch parser (its lenient llhttp) passes where
 * undici 7/8 and Node 22+ refuse it: the same parser code as there, so both adapters refuse the same response.
 */
function refusedHeaderName(rawHeaders: readonly unknown[]): Error | undefined {
  if (!LENIENT_HEADER_NAMES) return undefined;
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index];
    const spaced =
      typeof name === 'string'
        ? name.includes(' ') || name.includes('\t')
        : name instanceof Uint8Array && (name.includes(0x20) || name.includes(0x09));
    if (spaced)
      return Object.assign(new Error('a header name holds whitespace'), { code: 'HPE_INVALID_RESPONSE' });
  }
  return undefined;
}

/**
 * Node 20's fetch (its bundled undici 6.24) ends a response without keep-alive (`Connection: close`, HTTP/1.0) when
 * its socket ends, resets or closes by calling the parser's completion from the socket's listener, without asking
 * llhttp whether a chunked body got its last chunk, so a body cut short would pass as whole. Node 22+ asks llhttp.
 */
const COMPLETES_AT_SOCKET_END = LENIENT_HEADER_NAMES;

/**
 * Whether undici's parser completion was called by a socket listener rather than by llhttp (whose callback,
 * `wasm_on_message_complete`, is then on the stack). Names it cannot find (another build) answer `false`.
 */
function completedBySocketEnd(): boolean {
  // Deep enough to hold both frames whatever the process set (a limit cutting between them would fail good bodies).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = limit;
  return stack.includes('Parser.onMessageComplete') && !stack.includes('wasm_on_message_complete');
}

/** The brand platform-failure.ts looks for: this failure ended a response after its first byte (SPEC 3.8). */
const RESPONSE_BEGAN = Symbol.for('@meta/transport.responseBegan');

/** `error`, branded as a failure after the response began; its code and message stay those of `error`. */
function afterResponseBegan(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return Object.assign(new Error(message, { cause: error }), { [RESPONSE_BEGAN]: true });
}

function headerText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/**
 * Forwards every callback to fetch's handler, with the changes described at the top of node-fetch-wire.ts (no
 * parser pauses, `Content-Encoding` taken away and recorded with the raw headers), and reads the Transfer-Encoding
 * values llhttp does not de-chunk (`chunked<TAB>`, `chunked,`: issues 17.3, 17.4, 18.4) with the same strict
 * decoder the undici transport uses.
 */
export class WireHandler implements FetchDispatchHandler, ChunkedSink {
  readonly #handler: FetchDispatchHandler;
  readonly #wire: NodeFetchWire;
  #abort: ((reason?: unknown) => void) | undefined;
  #chunked: ChunkedDecoder | undefined;
  /** llhttp de-chunks this body (see {@link COMPLETES_AT_SOCKET_END}). */
  #parserChunked = false;
  /** True once the strict chunked decoder saw the last chunk: fetch got its end, later callbacks are dropped. */
  #finished = false;
  /** The first byte of a response (an interim one included) arrived: undici's `onResponseStarted`. */
  #began = false;

  /** A HEAD request: its response has no body, so its Transfer-Encoding frames nothing (as for 204, 205 and 304). */
  readonly #head: boolean;

  constructor(handler: FetchDispatchHandler, wire: NodeFetchWire, head: boolean) {
    this.#handler = handler;
    this.#wire = wire;
    this.#head = head;
  }

  onConnect(abort: (reason?: unknown) => void, context?: unknown): void {
    this.#abort = abort;
    this.#handler.onConnect?.(abort, context);
    this.#wire.connected(abort);
  }

  onChunkData(chunk: Buffer): void {
    this.#forward(chunk);
  }

  /** Hand fetch the part of `chunk` the wire lets through (all of it, unless the body limit says otherwise). */
  #forward(chunk: Uint8Array): void {
    const forwarded = this.#wire.receivedBody(chunk.byteLength);
    if (forwarded > 0)
      this.#handler.onData?.(forwarded === chunk.byteLength ? chunk : chunk.subarray(0, forwarded));
  }

  #readTransferEncoding(status: number, values: readonly string[]): void {
    if (values.length === 0 || this.#head || status === 204 || status === 205 || status === 304) return;
    const framing = transferFraming(values);
    if (typeof framing === 'string') {
      this.#wire.framingProblem = framing;
      return;
    }
    this.#wire.transferCodings = framing.codings;
    if (framing.dechunk) this.#chunked = new ChunkedDecoder(this);
    else this.#parserChunked = COMPLETES_AT_SOCKET_END && /chunked *$/i.test(values[values.length - 1] ?? '');
  }

  onResponseStarted(): void {
    this.#began = true;
    this.#handler.onResponseStarted?.();
  }

  onHeaders(status: number, rawHeaders: unknown[], resume: () => void, statusText: string): boolean {
    const refused = refusedStatus(status) ?? refusedHeaderName(rawHeaders);
    if (refused !== undefined) {
      // undici then reports the error to onError, which fails fetch with it, and destroys the connection.
      this.#abort?.(refused);
      return true;
    }
    // Interim (1xx) responses: fetch's own answer decides, and they carry no body to decode.
    if (status < 200) return this.#handler.onHeaders?.(status, rawHeaders, resume, statusText) ?? true;
    if (status === 421 || status === 407) {
      // The Fetch standard has fetch act on these itself: a 421 sends the request again (a POST too), a 407 is a
      // network error. Transports never retry and hand every status over: fetch sees a 400, the caller the status.
      this.#wire.status = status;
      status = 400;
    }
    this.#wire.rawHeaders = rawHeaders as RawHeaderList;
    if (!hasCodingHeader(rawHeaders)) {
      // The common response: nothing to take away or read, so fetch gets the headers as they are.
      this.#wire.contentEncoding = null;
      this.#handler.onHeaders?.(status, rawHeaders, resume, statusText);
      return true;
    }
    const kept: unknown[] = [];
    const codings: string[] = [];
    const transferEncodings: string[] = [];
    for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
      const value = rawHeaders[index + 1];
      if (isHeaderName(rawHeaders[index], 'content-encoding')) codings.push(headerText(value));
      else {
        if (isHeaderName(rawHeaders[index], 'transfer-encoding')) transferEncodings.push(headerText(value));
        kept.push(rawHeaders[index], value);
      }
    }
    this.#wire.contentEncoding = codings.length === 0 ? null : codings.join(', ');
    this.#readTransferEncoding(status, transferEncodings);
    this.#handler.onHeaders?.(status, kept, resume, statusText);
    return true;
  }

  onData(chunk: Uint8Array): boolean {
    const chunked = this.#chunked;
    if (chunked === undefined) this.#forward(chunk);
    else if (!this.#finished) {
      try {
        chunked.write(chunk as Buffer);
      } catch (error) {
        // undici then reports the error to onError, which fails fetch's body stream with it (a typed HPE_ code).
        this.#chunked = undefined;
        this.#abort?.(error);
        return true;
      }
      if (chunked.done) {
        // llhttp would read this body up to the connection's close: end it for fetch now, drop the connection.
        this.#finished = true;
        this.#handler.onComplete?.([]);
        this.#abort?.(new Error('the chunked body ended; its connection cannot be reused'));
      }
    }
    return true;
  }

  onComplete(trailers: unknown): void {
    // An overflowed body is not whole: fetch must not see it end (a bounded read reports it truncated).
    if (this.#finished || this.#wire.overflowed) return;
    if (this.#chunked !== undefined) {
      // The connection closed before the last chunk: the body is incomplete.
      this.#handler.onError?.(
        new ChunkedFramingError('the connection closed before the last chunk', 'HPE_INVALID_EOF_STATE'),
      );
      return;
    }
    if (this.#parserChunked && completedBySocketEnd()) {
      // The same code as Node 22+'s fetch and the undici transport give (llhttp's "Invalid EOF state").
      const error = new Error('the connection closed before the last chunk');
      this.#handler.onError?.(Object.assign(error, { code: 'HPE_INVALID_RESPONSE' }));
      return;
    }
    this.#handler.onComplete?.(trailers);
  }

  onError(error: unknown): void {
    if (this.#finished) return;
    // Response bytes arrived but not the final head (a reset after the status line): fetch reports that as it
    // reports a refused connection, so the error is branded for the mapping, which must never call it retryable.
    const cutHead = this.#began && this.#wire.rawHeaders === undefined;
    this.#handler.onError?.(cutHead ? afterResponseBegan(error) : error);
  }

  onUpgrade(status: number, rawHeaders: unknown[], socket: unknown): void {
    this.#handler.onUpgrade?.(status, rawHeaders, socket);
  }

  onBodySent(chunk: unknown): void {
    this.#handler.onBodySent?.(chunk);
  }

  onRequestSent(): void {
    this.#handler.onRequestSent?.();
  }
}
