/**
 * Node's fetch (undici inside) has two defects no caller can work around through the Fetch API (issues 12.4,
 * 17.2, 18.1, 18.2):
 * - it decodes gzip/deflate/br with `Z_SYNC_FLUSH` as the finishing flush, so a compressed stream cut short or
 *   corrupted at its end resolves as success with truncated text;
 * - when its decoder applies backpressure, undici pauses the HTTP parser, and a server closing the connection
 *   while it is paused fails a complete response with `other side closed` (Content-Length bodies) or crashes the
 *   process with an uncaught `assert(!this.paused)` (close-delimited bodies; undici 7, Node 22+).
 *
 * Node's fetch accepts a `dispatcher` in its init (a Node extension). The transport passes one that wraps the
 * process's dispatcher with a handler that (1) never pauses the parser (fetch's stream still buffers what is not
 * read yet; the transport reads every body at once and aborts at `maxResponseBytes`), and (2) removes
 * `Content-Encoding` from what fetch sees, so fetch hands over the bytes as sent and the transport decodes and
 * verifies them itself (see `decode-body.ts`). Nothing here imports a Node module: browsers and edge runtimes
 * never take this path.
 */

import type { ContentCoding } from '../content-codings.js';
import { ChunkedDecoder, ChunkedFramingError, type ChunkedSink } from '../undici/chunked-decoder.js';
import { transferFraming } from '../undici/transfer-framing.js';

/** The slot where undici (Node's bundled one and npm's) keeps the process-wide dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/** The handler shape Node's fetch gives a dispatcher (undici's v1 handler API, used by Node 20's to 24's fetch). */
interface FetchDispatchHandler {
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

interface Dispatcher {
  dispatch(options: unknown, handler: FetchDispatchHandler): boolean;
}

/**
 * What the wire saw of one response: the Content-Encoding it took away from fetch, the transfer codings llhttp
 * left in the body, and a framing it cannot read exactly.
 */
export class NodeFetchWire {
  /** `undefined` until the headers passed through this wire (an MSW-mocked fetch never calls it). */
  contentEncoding: string | null | undefined;
  /** Transfer codings other than `chunked` (RFC 9112 6.1), decoded after the content codings are listed. */
  transferCodings: readonly ContentCoding[] = [];
  /** Why the response's Transfer-Encoding cannot be read exactly (it fails typed, never reaches the caller). */
  framingProblem: string | undefined;
  /** undici's abort for the request on its connection, once it was given one (`onConnect`). */
  #abortConnection: ((reason?: unknown) => void) | undefined;
  #aborted = false;
  #abortReason: unknown;

  /**
   * Stop the request: at once when it has a connection, else as soon as undici gives it one. undici then fails
   * fetch's handler with `reason` (fetch rejects, its body stream errors) and destroys the socket, exactly what
   * fetch's own signal would do; a request still waiting for a connection is dropped when it gets one.
   */
  abort(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#abortReason = reason;
    this.#abortConnection?.(reason);
  }

  /** undici handed the request its connection's abort (see {@link NodeFetchWire.abort}). */
  connected(abortConnection: (reason?: unknown) => void): void {
    this.#abortConnection = abortConnection;
    if (this.#aborted) abortConnection(this.#abortReason);
  }

  /** The codings the transport must undo, as a Content-Encoding value, or `null` when fetch's bytes are final. */
  codingsToDecode(): string | null {
    // The common case (no coding at all) allocates nothing: this runs on every response.
    if (!this.contentEncoding && this.transferCodings.length === 0) return null;
    const codings = [this.contentEncoding ?? '', ...this.transferCodings].filter((coding) => coding !== '');
    return codings.length === 0 ? null : codings.join(', ');
  }

  /** The dispatcher for this exchange's fetch init, or `undefined` when this is not Node's own fetch. */
  static dispatcherFor(wire: NodeFetchWire): Dispatcher | undefined {
    const slots = globalThis as unknown as Record<symbol, unknown>;
    // Before Node's fetch first runs, the slot is empty: reading a lazy fetch global loads Node's undici, which
    // installs the platform's Agent there (the one fetch would use anyway).
    if (slots[GLOBAL_DISPATCHER] === undefined) void (globalThis as { Headers?: unknown }).Headers;
    const inner = slots[GLOBAL_DISPATCHER] as Dispatcher | undefined;
    if (typeof inner?.dispatch !== 'function') return undefined;
    return { dispatch: (options, handler) => inner.dispatch(options, new WireHandler(handler, wire)) };
  }
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

function headerText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

/**
 * Forwards every callback to fetch's handler, with the changes described at the top of this file, and reads the
 * Transfer-Encoding values llhttp does not de-chunk (`chunked<TAB>`, `chunked,`: issues 17.3, 17.4, 18.4) with the
 * same strict decoder the undici transport uses.
 */
class WireHandler implements FetchDispatchHandler, ChunkedSink {
  readonly #handler: FetchDispatchHandler;
  readonly #wire: NodeFetchWire;
  #abort: ((reason?: unknown) => void) | undefined;
  #chunked: ChunkedDecoder | undefined;
  /** True once the strict chunked decoder saw the last chunk: fetch got its end, later callbacks are dropped. */
  #finished = false;

  constructor(handler: FetchDispatchHandler, wire: NodeFetchWire) {
    this.#handler = handler;
    this.#wire = wire;
  }

  onConnect(abort: (reason?: unknown) => void, context?: unknown): void {
    this.#abort = abort;
    this.#handler.onConnect?.(abort, context);
    this.#wire.connected(abort);
  }

  onChunkData(chunk: Buffer): void {
    this.#handler.onData?.(chunk);
  }

  #readTransferEncoding(status: number, values: readonly string[]): void {
    if (values.length === 0 || status === 204 || status === 304) return;
    const framing = transferFraming(values);
    if (typeof framing === 'string') {
      this.#wire.framingProblem = framing;
      return;
    }
    this.#wire.transferCodings = framing.codings;
    if (framing.dechunk) this.#chunked = new ChunkedDecoder(this);
  }

  onResponseStarted(): void {
    this.#handler.onResponseStarted?.();
  }

  onHeaders(status: number, rawHeaders: unknown[], resume: () => void, statusText: string): boolean {
    // Interim (1xx) responses: fetch's own answer decides, and they carry no body to decode.
    if (status < 200) return this.#handler.onHeaders?.(status, rawHeaders, resume, statusText) ?? true;
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
    if (chunked === undefined) this.#handler.onData?.(chunk);
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
    if (this.#finished) return;
    if (this.#chunked !== undefined) {
      // The connection closed before the last chunk: the body is incomplete.
      this.#handler.onError?.(new ChunkedFramingError('the connection closed before the last chunk'));
      return;
    }
    this.#handler.onComplete?.(trailers);
  }

  onError(error: unknown): void {
    if (!this.#finished) this.#handler.onError?.(error);
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
