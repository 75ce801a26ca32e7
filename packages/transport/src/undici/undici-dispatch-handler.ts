import { NetworkError, type Redactor, ResponseParseError, ResponseTooLargeError } from '@meta/errors';
import { subscribeAbort, unsubscribeAbort } from '../abort-fan-out.js';
import { type ContentCoding, MAX_CONTENT_CODINGS, parseContentCodings } from '../content-codings.js';
import { attemptTimeout } from '../map-transport-error.js';
import { reasonPhrase } from '../status-text.js';
import { timerDelay } from '../timer-delay.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type TransportHeaders,
  type TransportRequest,
  type TransportResponse,
} from '../transport.js';
import { BodyDecoder, type DecodedSink } from './body-decoder.js';
import { ChunkedDecoder, type ChunkedSink } from './chunked-decoder.js';
import type { ConnectionTracker } from './connection-tracker.js';
import type { QueueCounts, QueuedOrigin } from './queue-counts.js';
import { transferFraming } from './transfer-framing.js';
import { mapUndiciFailure } from './undici-failure.js';
import { type ResponseSource, UndiciResponse } from './undici-response.js';

/** The part of undici's handler controller this adapter uses (undici 7 and 8 agree on it). */
export interface DispatchController {
  abort(reason: Error): void;
}

/** How an exchange stops its request: undici's controller, or the `abort` function of undici 7's `onConnect`. */
export type AbortTarget = DispatchController | ((reason: Error) => void);

/**
 * Where an exchange is: waiting for a connection (`queued`), written (`started`), reading the body of the final
 * response (`receiving`), or settled (`done`, `failed`). The one state value every handler callback checks.
 */
export type ExchangeState = 'queued' | 'started' | 'receiving' | 'done' | 'failed';

/** The transport state exchanges report to. */
export interface ExchangeOwner {
  /** Requests given up while undici still held them queued (undici can only cancel them once it starts them). */
  abandoned: number;
  /**
   * Live exchanges still queued, per request origin, when the transport can destroy connection attempts nobody
   * waits for. Counts, not a set of handlers: a Set of handler objects cost about 20 us per request.
   */
  readonly queue: QueueCounts | undefined;
  readonly tracker: ConnectionTracker | undefined;
}

/** The codings of a response that names none (shared: never written to). */
const NO_CODINGS: readonly ContentCoding[] = Object.freeze([]);

function onDeadline(handler: UndiciDispatchHandler): void {
  handler.deadlinePassed();
}

function abortWith(target: AbortTarget, reason: Error): void {
  if (typeof target === 'function') target(reason);
  else target.abort(reason);
}

/**
 * The exchange behind an undici dispatch handler: one explicit {@link ExchangeState}, one promise, at most one
 * timer (the attempt's deadline) and no AbortController: the deadline and the caller's signal abort through what
 * undici hands over when the request starts. The body goes, through the framing and coding stages this response
 * needs, into an {@link UndiciResponse} that buffers it. The callbacks undici calls live in the subclasses of
 * `undici-handler-shapes.ts`: one per handler API (undici 7's own, and the controller API of undici 8).
 */
export abstract class UndiciDispatchHandler implements DecodedSink, ChunkedSink, ResponseSource {
  state: ExchangeState = 'queued';
  /** Settles once the final response's headers arrived (or the exchange failed before that). */
  readonly response: Promise<TransportResponse>;
  readonly method: string;
  readonly redactor: Redactor | undefined;
  readonly origin: string;
  readonly #url: string;
  readonly #timeoutMs: number | undefined;
  readonly #limit: number;
  readonly #signal: AbortSignal | undefined;
  readonly #owner: ExchangeOwner;
  #resolve!: (response: TransportResponse) => void;
  #reject!: (error: unknown) => void;
  #abortTarget: AbortTarget | undefined;
  readonly #queued: QueuedOrigin | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #result: UndiciResponse | undefined;
  #decoder: BodyDecoder | undefined;
  #chunked: ChunkedDecoder | undefined;
  #status = 0;
  #wireEnded = false;
  #trailingBytes = 0;
  /** Counted in the owner's `abandoned` until undici lets go of it. */
  #abandoned = false;
  /** undici reported the end of the request (an error, or it started one we had given up on). */
  #released = false;

  constructor(request: TransportRequest, origin: string, owner: ExchangeOwner) {
    this.method = request.method;
    this.redactor = request.redactor;
    this.origin = origin;
    this.#url = request.url;
    this.#timeoutMs = request.timeoutMs;
    this.#limit = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#signal = request.signal;
    this.#owner = owner;
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (this.#timeoutMs !== undefined)
      this.#timer = setTimeout(onDeadline, timerDelay(this.#timeoutMs), this);
    // `this` is the listener (handleEvent below): no closure per request.
    if (this.#signal !== undefined) subscribeAbort(this.#signal, this);
    this.#queued = owner.queue?.enter(origin);
  }

  // ---- what undici reports, whichever handler API carried it ----

  /** The request was written to a connection (or undici is about to start one we gave up on). */
  requestStarted(abort: AbortTarget): void {
    if (this.state === 'failed') {
      // Given up (deadline or abort) while still queued: undici only lets us cancel it now.
      this.#letGo();
      abortWith(abort, new Error('the request was given up before it started'));
      return;
    }
    this.#leaveQueue();
    this.#abortTarget = abort;
    this.state = 'started';
  }

  /** A response's status line and headers, interim 1xx responses included. */
  responseStarted(statusCode: number, headers: TransportHeaders, statusText: string): void {
    // 1xx responses (103 Early Hints, 102 Processing) are interim, never the answer (issue 12.3).
    if (this.state !== 'started' || statusCode < 200) return;
    this.state = 'receiving';
    this.#status = statusCode;
    const response = new UndiciResponse(
      statusCode,
      // HTTP/2 sends no reason phrase: the standard one keeps `404 Not Found` the same over both protocols.
      reasonPhrase(statusCode, statusText ?? ''),
      headers,
      this.#url,
      this,
    );
    // Refused framing or codings reject `response` itself: the caller never gets a body it cannot read.
    const transferEncoding = headers.getAll('transfer-encoding');
    const codings = this.#bodyCodings(
      response,
      transferEncoding.length === 0
        ? undefined
        : transferEncoding.length === 1
          ? transferEncoding[0]
          : transferEncoding,
    );
    if (codings === undefined) return;
    this.#result = response;
    this.#resolve(response);
    if (codings.length > 0) this.#decoder = new BodyDecoder(codings, this);
    else if (Number(response.headers.get('content-length')) > this.#limit) {
      // Known to be too large: fail now and drop the socket instead of reading up to the limit.
      this.#fail(this.#tooLarge());
    }
  }

  /** Bytes of the response body as they came off the wire. */
  responseData(chunk: Buffer): void {
    if (this.state !== 'receiving') return;
    if (this.#chunked === undefined) {
      this.onChunkData(chunk);
      return;
    }
    try {
      this.#chunked.write(chunk);
    } catch (error) {
      this.#fail(this.#framingError(String((error as Error).message), 'HPE_INVALID_CHUNK_SIZE', error));
      return;
    }
    if (this.#chunked.done && this.state === 'receiving') {
      this.#wireEnd();
      // undici's parser still reads this body up to the connection's close: the connection cannot be reused.
      this.#abort(new Error('the chunked body ended; its connection cannot be reused'));
    }
  }

  /** undici read the whole response. */
  responseEnded(): void {
    if (this.state !== 'receiving') return;
    if (this.#chunked !== undefined) {
      this.#fail(this.#framingError('the chunked body ended before its last chunk', 'HPE_INVALID_EOF_STATE'));
      return;
    }
    this.#wireEnd();
  }

  /** undici failed the request (connection, parser, or the abort we asked for). */
  responseFailed(error: Error): void {
    this.#letGo();
    this.#fail(error);
  }

  // ---- body stages ----

  /** Bytes of the HTTP body with its framing removed. */
  onChunkData(chunk: Buffer): void {
    const decoder = this.#decoder;
    if (decoder === undefined) {
      this.onDecodedData(chunk);
    } else if (!decoder.finished) {
      decoder.write(chunk);
    } else {
      // Bytes after the end of the compressed stream are dropped, as zlib and browsers do, but still bounded.
      this.#trailingBytes += chunk.length;
      if (this.#trailingBytes > this.#limit) this.#fail(this.#tooLarge());
    }
  }

  onDecodedData(chunk: Buffer): void {
    if (this.state !== 'receiving') return;
    const response = this.#result!;
    if (response.receivedBytes + chunk.length > this.#limit && !response.prefixEndsWithin(this.#limit)) {
      this.#fail(this.#tooLarge());
      return;
    }
    response.append(chunk);
  }

  onDecodedEnd(): void {
    // A compressed stream that ends before the HTTP body does waits for the body (issues 17.6, 18.3).
    if (this.state === 'receiving' && this.#wireEnded) this.#complete();
  }

  onDecodeError(error: Error): void {
    this.#fail(
      new ResponseParseError({
        ...this.#context(),
        message: 'the response body could not be decoded',
        cause: error,
      }),
    );
  }

  // ---- deadline, abort, cancel ----

  deadlinePassed(): void {
    this.#timer = undefined;
    const state = this.state;
    const phase = state === 'queued' ? 'connect' : state === 'started' ? 'headers' : 'body';
    this.#fail(attemptTimeout(phase, { ...this.#context(), ...this.#deadline() }));
    if (state === 'queued') this.#abandonStalledConnection();
  }

  /** The caller's signal fired: reject with its reason as-is. */
  handleEvent(): void {
    this.#fail(this.#signal!.reason);
  }

  cancelBody(reason: Error): void {
    this.#fail(reason);
  }

  // ---- internals ----

  /** The codings to undo (content codings, then transfer codings on top), or undefined after failing. */
  #bodyCodings(
    response: UndiciResponse,
    transferEncoding: string | string[] | undefined,
  ): readonly ContentCoding[] | undefined {
    let codings: readonly ContentCoding[] = NO_CODINGS;
    const contentEncoding = response.headers.get('content-encoding');
    // Most responses name no coding: the error context is built only for a header there is to parse.
    if (contentEncoding) {
      try {
        codings = parseContentCodings(contentEncoding, this.#context());
      } catch (error) {
        this.#fail(error);
        return undefined;
      }
    }
    const status = response.status;
    if (transferEncoding === undefined || this.method === 'HEAD' || status === 204 || status === 304)
      return codings;
    const framing = transferFraming(transferEncoding);
    if (typeof framing === 'string') {
      this.#fail(this.#framingError(framing, 'HPE_INVALID_TRANSFER_ENCODING'));
      return undefined;
    }
    if (framing.codings.length + codings.length > MAX_CONTENT_CODINGS) {
      this.#fail(
        this.#framingError('too many transfer and content codings', 'HPE_INVALID_TRANSFER_ENCODING'),
      );
      return undefined;
    }
    if (framing.dechunk) this.#chunked = new ChunkedDecoder(this);
    return framing.codings.length === 0 ? codings : [...codings, ...framing.codings];
  }

  /** The HTTP body ended (by its framing); the exchange completes once the decoder, if any, ended too. */
  #wireEnd(): void {
    this.#wireEnded = true;
    const decoder = this.#decoder;
    if (decoder === undefined || decoder.finished) this.#complete();
    else decoder.end();
  }

  #complete(): void {
    this.state = 'done';
    this.#release();
    this.#result!.finish();
  }

  #fail(error: unknown): void {
    const state = this.state;
    if (state === 'done' || state === 'failed') return;
    const signal = this.#signal;
    const failure =
      signal?.aborted && error === signal.reason
        ? error
        : mapUndiciFailure(error, {
            ...this.#context(),
            ...this.#deadline(),
            beforeResponse: state === 'queued' || state === 'started',
            tlsFailure: this.#owner.tracker?.tlsFailureOf(error),
          });
    this.state = 'failed';
    if (state === 'queued') this.#leaveQueue();
    this.#decoder?.destroy();
    this.#release();
    if (this.#abortTarget) this.#abort(failure instanceof Error ? failure : new Error('aborted'));
    else if (!this.#released) {
      this.#abandoned = true;
      this.#owner.abandoned++;
    }
    if (this.#result === undefined) this.#reject(failure);
    else this.#result.fail(failure);
  }

  /** A connection attempt only this exchange waited for must not outlive it (a stalled TLS handshake). */
  #abandonStalledConnection(): void {
    const { queue, tracker } = this.#owner;
    if (queue === undefined || tracker === undefined || queue.isQueued(this.origin)) return;
    tracker.abandonConnecting(this.origin);
  }

  #leaveQueue(): void {
    if (this.#queued !== undefined) this.#owner.queue!.leave(this.#queued);
  }

  #abort(reason: Error): void {
    if (this.#abortTarget !== undefined) abortWith(this.#abortTarget, reason);
  }

  /** undici is done with a request we may have given up on while it was queued. */
  #letGo(): void {
    this.#released = true;
    if (!this.#abandoned) return;
    this.#abandoned = false;
    this.#owner.abandoned--;
  }

  #release(): void {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#signal !== undefined) unsubscribeAbort(this.#signal, this);
  }

  #framingError(reason: string, code: string, cause?: unknown): NetworkError {
    // Response bytes arrived: never a connection failure, never replayed.
    const { statusCode: _statusCode, ...target } = this.#context();
    return new NetworkError({
      ...target,
      code,
      message: reason,
      beforeResponse: false,
      ...(cause === undefined ? {} : { cause }),
    });
  }

  #tooLarge(): ResponseTooLargeError {
    return new ResponseTooLargeError({ ...this.#context(), limitBytes: this.#limit });
  }

  #deadline(): { timeoutMs?: number } {
    return this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs };
  }

  /** What errors name; `statusCode` is only read by errors raised after the headers arrived. */
  #context(): { method: string; url: string; statusCode: number; redactor?: Redactor } {
    return {
      method: this.method,
      url: this.#url,
      statusCode: this.#status,
      ...(this.redactor ? { redactor: this.redactor } : {}),
    };
  }
}
