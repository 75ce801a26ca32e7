import { type Redactor, ResponseParseError, ResponseTooLargeError } from '@meta/errors';
import { subscribeAbort, unsubscribeAbort } from '../abort-fan-out.js';
import { type ContentCoding, parseContentCodings } from '../content-codings.js';
import { attemptTimeout, mapTransportError } from '../map-transport-error.js';
import { bodyAlreadyUsed, parseJsonBody } from '../parse-json-body.js';
import { timerDelay } from '../timer-delay.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type TransportHeaders,
  type TransportRequest,
  type TransportResponse,
} from '../transport.js';
import { wrapLowercaseHeaders } from '../transport-headers.js';
import { BodyDecoder, type DecodedSink } from './body-decoder.js';

/** The part of undici's handler controller this adapter uses (undici 7 and 8 agree on it). */
export interface DispatchController {
  abort(reason: Error): void;
}

/** The transport state an exchange reports to: requests given up before undici started them. */
export interface ExchangeOwner {
  abandoned: number;
}

enum Stage {
  Queued = 0,
  Started = 1,
  Receiving = 2,
  Done = 3,
}

const EMPTY = Buffer.alloc(0);

function onDeadline(exchange: UndiciExchange): void {
  exchange.deadlinePassed();
}

/**
 * One exchange over undici's `dispatch`: the dispatch handler and the {@link TransportResponse} in one object, so
 * a request costs one handler, one promise and (with `timeoutMs`) one timer. No WHATWG Request/Response, no
 * stream for the body, and no AbortController: the deadline timer and the caller's signal abort through the
 * controller undici hands to `onRequestStart`.
 */
export class UndiciExchange implements TransportResponse, DecodedSink {
  status = 0;
  statusText = '';
  headers!: TransportHeaders;
  readonly url: string;
  bodyUsed = false;
  /** Settles once the headers arrived (or the exchange failed before that). */
  readonly response: Promise<TransportResponse>;

  readonly #method: string;
  readonly #redactor: Redactor | undefined;
  readonly #timeoutMs: number | undefined;
  readonly #limit: number;
  readonly #signal: AbortSignal | undefined;
  readonly #owner: ExchangeOwner;
  #resolve!: (response: TransportResponse) => void;
  #reject!: (error: unknown) => void;
  #stage = Stage.Queued;
  #controller: DispatchController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #failure: unknown;
  #failed = false;
  /** True once `response` resolved; later failures belong to the body. */
  #responded = false;
  /** Given up while undici still holds the request queued; counted in the owner until undici lets go. */
  #abandoned = false;
  /** undici reported the end of the request (an error, or it started one we had given up on). */
  #undiciFailed = false;
  #chunks: Buffer[] = [];
  #length = 0;
  #decoder: BodyDecoder | undefined;
  #waiter: { kind: number; resolve(value: unknown): void; reject(error: unknown): void } | undefined;

  constructor(request: TransportRequest, owner: ExchangeOwner) {
    this.url = request.url;
    this.#method = request.method;
    this.#redactor = request.redactor;
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
  }

  // ---- undici handler (the controller API shared by undici 7 and 8) ----

  onRequestStart(controller: DispatchController): void {
    if (this.#failed) {
      // Given up (deadline or abort) while still queued: undici only lets us cancel it now.
      this.#letGo();
      controller.abort(this.#failure instanceof Error ? this.#failure : new Error('aborted'));
      return;
    }
    this.#controller = controller;
    this.#stage = Stage.Started;
  }

  onResponseStart(
    _controller: DispatchController,
    statusCode: number,
    headers: Record<string, string | string[]>,
    statusText: string,
  ): void {
    if (this.#failed) return;
    this.#stage = Stage.Receiving;
    this.status = statusCode;
    this.statusText = statusText ?? '';
    this.headers = wrapLowercaseHeaders(headers);
    let codings: readonly ContentCoding[];
    try {
      codings = parseContentCodings(this.headers.get('content-encoding'), this.#context());
    } catch (error) {
      this.#fail(error);
      return;
    }
    this.#responded = true;
    this.#resolve(this);
    if (codings.length > 0) this.#decoder = new BodyDecoder(codings, this);
    else if (Number(this.headers.get('content-length')) > this.#limit) {
      // Known to be too large: fail now and drop the socket instead of reading up to the limit.
      this.#fail(this.#tooLarge());
    }
  }

  onResponseData(_controller: DispatchController, chunk: Buffer): void {
    if (this.#failed) return;
    if (this.#decoder) this.#decoder.write(chunk);
    else this.onDecodedData(chunk);
  }

  onResponseEnd(): void {
    if (this.#failed) return;
    if (this.#decoder) this.#decoder.end();
    else this.onDecodedEnd();
  }

  onResponseError(_controller: DispatchController | undefined, error: Error): void {
    this.#letGo();
    if (this.#failed || this.#stage === Stage.Done) return;
    this.#fail(error);
  }

  // ---- decoded body ----

  onDecodedData(chunk: Buffer): void {
    this.#length += chunk.length;
    if (this.#length > this.#limit) {
      this.#fail(this.#tooLarge());
      return;
    }
    this.#chunks.push(chunk);
  }

  onDecodedEnd(): void {
    this.#stage = Stage.Done;
    this.#release();
    const waiter = this.#waiter;
    if (waiter === undefined) return;
    this.#waiter = undefined;
    try {
      waiter.resolve(this.#result(waiter.kind));
    } catch (error) {
      waiter.reject(error);
    }
  }

  onDecodeError(error: Error): void {
    const { timeoutMs: _timeoutMs, ...context } = this.#context();
    this.#fail(
      new ResponseParseError({ ...context, message: 'the response body could not be decoded', cause: error }),
    );
  }

  // ---- deadline and abort ----

  deadlinePassed(): void {
    this.#timer = undefined;
    const phase =
      this.#stage === Stage.Queued ? 'connect' : this.#stage === Stage.Started ? 'headers' : 'body';
    this.#fail(attemptTimeout(phase, this.#context()));
  }

  /** The caller's signal fired: reject with its reason as-is. */
  handleEvent(): void {
    this.#fail(this.#signal!.reason);
  }

  // ---- TransportResponse ----

  text(): Promise<string> {
    return this.#consume(0) as Promise<string>;
  }

  bytes(): Promise<Uint8Array> {
    return this.#consume(1) as Promise<Uint8Array>;
  }

  json<T = unknown>(): Promise<T> {
    return this.#consume(2) as Promise<T>;
  }

  cancel(reason?: unknown): Promise<void> {
    this.bodyUsed = true;
    if (this.#stage !== Stage.Done && !this.#failed) {
      this.#fail(reason instanceof Error ? reason : new Error('the response body was cancelled'));
    }
    this.#chunks = [];
    return Promise.resolve();
  }

  #consume(kind: number): Promise<unknown> {
    if (this.bodyUsed) return Promise.reject(bodyAlreadyUsed());
    this.bodyUsed = true;
    if (this.#failed) return Promise.reject(this.#failure);
    if (this.#stage !== Stage.Done) {
      return new Promise((resolve, reject) => {
        this.#waiter = { kind, resolve, reject };
      });
    }
    try {
      return Promise.resolve(this.#result(kind));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  #result(kind: number): unknown {
    const chunks = this.#chunks;
    this.#chunks = [];
    const body = chunks.length === 1 ? chunks[0]! : chunks.length === 0 ? EMPTY : Buffer.concat(chunks);
    if (kind === 1) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    let text = body.toString('utf8');
    // A UTF-8 byte order mark is not part of the text (the Fetch standard's `text()` drops it too).
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return kind === 0 ? text : parseJsonBody(text, this.#context());
  }

  // ---- failure and cleanup ----

  #fail(error: unknown): void {
    if (this.#failed || this.#stage === Stage.Done) return;
    this.#failed = true;
    const failure =
      error === this.#signal?.reason && this.#signal?.aborted
        ? error
        : mapTransportError(error, { ...this.#context(), beforeResponse: this.#stage < Stage.Receiving });
    this.#failure = failure;
    this.#chunks = [];
    this.#decoder?.destroy();
    this.#release();
    if (this.#controller) this.#controller.abort(failure instanceof Error ? failure : new Error('aborted'));
    else if (!this.#undiciFailed) {
      this.#abandoned = true;
      this.#owner.abandoned++;
    }
    if (!this.#responded) {
      this.#reject(failure);
      return;
    }
    const waiter = this.#waiter;
    this.#waiter = undefined;
    waiter?.reject(failure);
  }

  /** undici is done with a request we gave up on while it was queued. */
  #letGo(): void {
    this.#undiciFailed = true;
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

  #tooLarge(): ResponseTooLargeError {
    const { timeoutMs: _timeoutMs, ...context } = this.#context();
    return new ResponseTooLargeError({ ...context, limitBytes: this.#limit });
  }

  /** What errors name; `statusCode` is only read by errors raised after the headers arrived. */
  #context(): { method: string; url: string; statusCode: number; timeoutMs?: number; redactor?: Redactor } {
    return {
      method: this.#method,
      url: this.url,
      statusCode: this.status,
      ...(this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs }),
      ...(this.#redactor ? { redactor: this.#redactor } : {}),
    };
  }
}
