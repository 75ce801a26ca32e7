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
import { encodedLimit } from '../encoded-body-limit.js';
import type { RawHeaderList } from '../undici/raw-response-headers.js';
import type { FetchExchange } from './fetch-exchange.js';
import { type FetchDispatchHandler, WireHandler } from './wire-handler.js';

/** The slot where undici (Node's bundled one and npm's) keeps the process-wide dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

interface Dispatcher {
  dispatch(options: unknown, handler: FetchDispatchHandler): boolean;
}

/**
 * What the wire saw of one response: the Content-Encoding it took away from fetch, the transfer codings llhttp
 * left in the body, and a framing it cannot read exactly.
 */
export class NodeFetchWire implements Dispatcher {
  /** `undefined` until the headers passed through this wire (an MSW-mocked fetch never calls it). */
  contentEncoding: string | null | undefined;
  /** The final response's headers as the server sent them (wire-headers.ts answers lookups from them). */
  rawHeaders: RawHeaderList | undefined;
  /** The server's status when fetch was shown another one (a 421 or 407: see wire-handler.ts). */
  status: number | undefined;
  /** Transfer codings other than `chunked` (RFC 9112 6.1), decoded after the content codings are listed. */
  transferCodings: readonly ContentCoding[] = [];
  /** Why the response's Transfer-Encoding cannot be read exactly (it fails typed, never reaches the caller). */
  framingProblem: string | undefined;
  /** The process's dispatcher this wire hands requests to (see {@link NodeFetchWire.dispatcherFor}). */
  #inner: Dispatcher | undefined;
  /** undici's abort for the request on its connection, once it was given one (`onConnect`). */
  #abortConnection: ((reason?: unknown) => void) | undefined;
  #aborted = false;
  #abortReason: unknown;
  /** fetch handed its request to this wire (an MSW-mocked fetch never does). */
  #dispatched = false;
  /** The exchange whose `maxResponseBytes` the wire counts the body against (see {@link limitBody}). */
  #limited: FetchExchange | undefined;
  #limitBytes = 0;
  /** The most body bytes as they arrive: `limitBytes`, or {@link encodedLimit} of it for a body still coded. */
  #wireLimitBytes: number | undefined;
  #bodyBytes = 0;
  /** True once an unread body passed the wire's limit: fetch holds just over that many bytes and no end. */
  overflowed = false;
  /** True once a whole read of the body started: from then on, crossing the limit ends the exchange. */
  #enforced = false;

  /**
   * Count the body against `limitBytes` for `exchange` as it arrives: an identity body against `limitBytes`, a
   * body the transport decodes itself against {@link encodedLimit} (a valid compressed stream within the limit
   * is never longer). Once a whole read started ({@link enforceLimit}), more bytes end the exchange with its
   * too-large error, which drops the connection, and the rest is not handed to fetch: a body read in one go by
   * fetch's own consumer is then as bounded as one read chunk by chunk. Not before: a bounded read
   * (`textPrefix`) may stop first and keep its prefix; the decoder still applies the decoded limit.
   */
  limitBody(exchange: FetchExchange, limitBytes: number): void {
    this.#limited = exchange;
    this.#limitBytes = limitBytes;
  }

  /** A whole read of the body starts: enforce the limit from now on (at once if it was already crossed). */
  enforceLimit(): void {
    this.#enforced = true;
    this.#withinLimit();
  }

  /**
   * `byteCount` body bytes arrived: how many of them to hand to fetch (none once the limit ended the exchange).
   * Before any read, a body past the wire's limit is queued in fetch only up to one byte over it, and the rest is
   * dropped: no whole read can succeed any more ({@link enforceLimit} fails it at once), a bounded read that
   * consumes the queue counts past the limit and fails too large instead of waiting for bytes that never come,
   * and an unread body, coded or not (an endless gzip stream), never holds much more memory than
   * `maxResponseBytes` (the wire cannot pause the socket instead: undici 6 and 7 take a server's FIN after a
   * paused body as "other side closed"). Such a body is never completed for fetch ({@link overflowed}).
   */
  receivedBody(byteCount: number): number {
    if (this.#limited === undefined) return this.#aborted ? 0 : byteCount;
    const before = this.#bodyBytes;
    this.#bodyBytes = before + byteCount;
    if (this.#withinLimit()) return byteCount;
    // Past the limit: the exchange ended when a whole read had started, else the body overflows (see above).
    if (this.#enforced) return 0;
    this.overflowed = true;
    return Math.max(0, this.#wireLimit() + 1 - before);
  }

  /** The wire's byte limit, fixed once the headers said whether the transport decodes the body itself. */
  #wireLimit(): number {
    this.#wireLimitBytes ??= this.decodesBody() ? encodedLimit(this.#limitBytes) : this.#limitBytes;
    return this.#wireLimitBytes;
  }

  /**
   * Whether the body so far is within the wire's limit. Past it once a whole read started, the exchange ends with
   * its too-large error.
   */
  #withinLimit(): boolean {
    const exchange = this.#limited;
    if (exchange === undefined || this.#bodyBytes <= this.#wireLimit()) return true;
    if (!this.#enforced) return false;
    this.#limited = undefined;
    exchange.abort(exchange.tooLarge(this.#limitBytes));
    return false;
  }

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

  /**
   * Whether the transport decodes the body itself: a coding other than `identity` was taken away from fetch
   * (`Content-Encoding: identity` alone leaves the bytes as sent).
   */
  decodesBody(): boolean {
    const codings = this.codingsToDecode();
    if (codings === null) return false;
    return codings.split(',').some((part) => {
      const coding = part.trim().toLowerCase();
      return coding !== '' && coding !== 'identity';
    });
  }

  /** The dispatcher for this exchange's fetch init, or `undefined` when this is not Node's own fetch. */
  static dispatcherFor(wire: NodeFetchWire): Dispatcher | undefined {
    const slots = globalThis as unknown as Record<symbol, unknown>;
    // Before Node's fetch first runs, the slot is empty: reading a lazy fetch global loads Node's undici, which
    // installs the platform's Agent there (the one fetch would use anyway).
    if (slots[GLOBAL_DISPATCHER] === undefined) void (globalThis as { Headers?: unknown }).Headers;
    const inner = slots[GLOBAL_DISPATCHER] as Dispatcher | undefined;
    if (typeof inner?.dispatch !== 'function') return undefined;
    // The wire is its own dispatcher: one object per request instead of a wrapper and a closure as well.
    wire.#inner = inner;
    return wire;
  }

  /**
   * True while fetch's request went through this wire but has no connection yet (TCP and TLS still in progress):
   * a deadline then is a connect timeout, as on the undici transport. False for a fetch that never used the wire
   * (MSW, a test double), which cannot say.
   */
  get connecting(): boolean {
    return this.#dispatched && this.#abortConnection === undefined;
  }

  /** Dispatcher side: hand fetch's request to the process's dispatcher with the wire's handler around fetch's. */
  dispatch(options: unknown, handler: FetchDispatchHandler): boolean {
    this.#dispatched = true;
    const head = (options as { method?: unknown } | null)?.method === 'HEAD';
    return this.#inner!.dispatch(options, new WireHandler(handler, this, head));
  }
}
