import { isResponseParseError, type Redactor } from '@meta/errors';
import { subscribeAbort, unsubscribeAbort } from '../abort-fan-out.js';
import { codingFailureScope } from '../coding-failure-scope.js';
import { reasonPhrase } from '../status-text.js';
import { timerDelay } from '../timer-delay.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type TransportHeaders,
  type TransportRequest,
  type TransportResponse,
} from '../transport.js';
import { type BodyStages, openBodyStages, type StagedBodyExchange } from './body-stages.js';
import type { DeadlinePool, DeadlineTimer } from './deadline-timers.js';
import { deadlineError, type ExchangeState, exchangeFailure, tooLargeError } from './exchange-errors.js';
import {
  type AbortTarget,
  abandonStalledConnection,
  abortWith,
  type ExchangeOwner,
} from './exchange-owner.js';
import type { QueuedOrigin } from './queue-counts.js';
import { type ResponseSource, UndiciResponse } from './undici-response.js';

/**
 * The exchange behind an undici dispatch handler: one explicit {@link ExchangeState}, one promise, at most one
 * timer (the attempt's deadline, reused from the transport's {@link DeadlinePool}) and no AbortController: the
 * deadline and the caller's signal abort through what undici hands over when the request starts. The body goes, through the {@link BodyStages} this response needs
 * (none for most), into an {@link UndiciResponse} that buffers it. The callbacks undici calls live in the
 * subclasses of `undici-handler-shapes.ts`: one per handler API (undici 7's own, and the controller API of undici 8).
 */
export abstract class UndiciDispatchHandler implements StagedBodyExchange, ResponseSource {
  state: ExchangeState = 'queued';
  /** Settles once the final response's headers arrived (or the exchange failed before that). */
  readonly response: Promise<TransportResponse>;
  readonly method: string;
  readonly redactor: Redactor | undefined;
  readonly origin: string;
  readonly url: string;
  readonly timeoutMs: number | undefined;
  readonly limit: number;
  status = 0;
  /** See `ExchangeTarget.responseBegan` (exchange-errors.ts). */
  responseBegan = false;
  readonly #signal: AbortSignal | undefined;
  readonly #owner: ExchangeOwner;
  #resolve!: (response: TransportResponse) => void;
  #reject!: (error: unknown) => void;
  #abortTarget: AbortTarget | undefined;
  readonly #queued: QueuedOrigin | undefined;
  #deadline: DeadlineTimer | undefined;
  #result: UndiciResponse | undefined;
  #stages: BodyStages | undefined;
  /** Counted in the owner's `abandoned` until undici lets go of it. */
  #abandoned = false;
  /** undici reported the end of the request (an error, or it started one we had given up on). */
  #released = false;
  /** The final response has no body by definition (HEAD, 204, 304), whatever its Content-Length says. */
  #bodyless = false;

  constructor(request: TransportRequest, origin: string, owner: ExchangeOwner) {
    this.method = request.method;
    this.redactor = request.redactor;
    this.origin = origin;
    this.url = request.url;
    this.timeoutMs = request.timeoutMs;
    this.limit = request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#signal = request.signal;
    this.#owner = owner;
    this.response = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    if (this.timeoutMs !== undefined) this.#deadline = owner.deadlines.arm(this, timerDelay(this.timeoutMs));
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

  /** The first byte of a response arrived (an interim one included): undici 7 and 8 both call this. */
  onResponseStarted(): void {
    this.responseBegan = true;
  }

  /** A response's status line and headers, interim 1xx responses included. */
  responseStarted(statusCode: number, headers: TransportHeaders, statusText: string): void {
    // 1xx responses (103 Early Hints, 102 Processing) are interim, never the answer (issue 12.3).
    if (this.state !== 'started' || statusCode < 200) return;
    this.state = 'receiving';
    this.status = statusCode;
    // HTTP/2 sends no reason phrase: the standard one keeps `404 Not Found` the same over both protocols.
    const text = reasonPhrase(statusCode, statusText ?? '');
    const response = new UndiciResponse(statusCode, text, headers, this.url, this);
    const bodyless = this.method === 'HEAD' || statusCode === 204 || statusCode === 304;
    this.#bodyless = bodyless;
    // A 205 has no content (RFC 9110 15.3.6), yet llhttp reads a body for it by its framing (until the close when it
    // has none). Node's fetch completes it at the head; so does this transport, dropping the connection unless the
    // head says `Content-Length: 0`, so no byte sent with it is ever read or waited for.
    const resetContent = statusCode === 205;
    try {
      this.#stages = openBodyStages(this, headers, bodyless || resetContent);
    } catch (error) {
      // A refused coding fails what it must and no more (SPEC 3.8 v2): nothing on a HEAD, 204 or 304 (no body to
      // decode); outside 2xx only the body read, the status winning; refused framing, or codings on a 2xx, reject
      // `response` itself: the caller never gets a body it cannot read.
      const scope = isResponseParseError(error) ? codingFailureScope(statusCode, this.method) : 'response';
      if (scope !== 'none') {
        if (scope === 'body') {
          this.#result = response;
          this.#resolve(response);
        }
        this.fail(error);
        return;
      }
    }
    this.#result = response;
    this.#resolve(response);
    if (resetContent) {
      this.bodyComplete();
      if (headers.get('content-length') !== '0')
        this.abortConnection(new Error('a 205 response has no content'));
      return;
    }
    // Known to be too large: fail now and drop the socket instead of reading up to the limit.
    // (Not for a HEAD, 204 or 304: their Content-Length is the representation's; they have no body.)
    if (!bodyless && !this.#stages?.decoding && Number(headers.get('content-length')) > this.limit)
      this.fail(tooLargeError(this));
  }

  /** Bytes of the response body as they came off the wire. */
  responseData(chunk: Buffer): void {
    if (this.state !== 'receiving') return;
    if (this.#stages === undefined) this.appendBody(chunk);
    else this.#stages.write(chunk);
  }

  /** undici read the whole response. */
  responseEnded(): void {
    if (this.state !== 'receiving') return;
    if (this.#stages === undefined) this.bodyComplete();
    else this.#stages.end();
  }

  /** undici failed the request (connection, parser, or the abort we asked for). */
  responseFailed(error: Error): void {
    this.#letGo();
    // undici 7 checks a 304's Content-Length (the size of the representation, RFC 9110 8.6) against its body,
    // which a 304 never has: the response is complete, not malformed (undici 8 and Node's fetch agree).
    if (this.#bodyless && this.state === 'receiving' && isContentLengthMismatch(error)) this.bodyComplete();
    else this.fail(error);
  }

  // ---- the body, from the wire or through its stages ----

  appendBody(chunk: Buffer): void {
    if (this.state !== 'receiving') return;
    const response = this.#result!;
    if (response.receivedBytes + chunk.length > this.limit && !response.prefixEndsWithin(this.limit)) {
      // Keep what fits: a bounded read below the limit may still ask for its prefix, as on the fetch transport.
      if (!response.bodyUsed) response.append(chunk.subarray(0, this.limit - response.receivedBytes));
      this.fail(tooLargeError(this));
      return;
    }
    response.append(chunk);
  }

  bodyComplete(): void {
    this.state = 'done';
    this.#release();
    this.#result!.finish();
  }

  abortConnection(reason: Error): void {
    if (this.#abortTarget !== undefined) abortWith(this.#abortTarget, reason);
  }

  // ---- deadline, abort, cancel ----

  deadlinePassed(): void {
    this.#deadline = undefined;
    const state = this.state;
    this.fail(deadlineError(this, state));
    if (state === 'queued') abandonStalledConnection(this.#owner, this.origin);
  }

  /** The caller's signal fired: reject with its reason as-is. */
  handleEvent(): void {
    const state = this.state;
    this.fail(this.#signal!.reason);
    // As at the deadline: a connection attempt no live request waits for any more must not outlive it.
    if (state === 'queued') abandonStalledConnection(this.#owner, this.origin);
  }

  cancelBody(reason: Error): void {
    this.fail(reason);
  }

  /** Settle as failed with `error` (or the caller's abort reason): drop the connection, free the timer. */
  fail(error: unknown): void {
    const state = this.state;
    if (state === 'done' || state === 'failed') return;
    const failure = exchangeFailure(this, error, state, this.#signal, this.#owner.tracker);
    this.state = 'failed';
    if (state === 'queued') this.#leaveQueue();
    this.#stages?.destroy();
    this.#release();
    if (this.#abortTarget) this.abortConnection(failure instanceof Error ? failure : new Error('aborted'));
    else if (!this.#released) {
      this.#abandoned = true;
      this.#owner.abandoned++;
    }
    if (this.#result === undefined) this.#reject(failure);
    else this.#result.fail(failure);
  }

  // ---- internals ----

  #leaveQueue(): void {
    if (this.#queued !== undefined) this.#owner.queue!.leave(this.#queued);
  }

  /** undici is done with a request we may have given up on while it was queued. */
  #letGo(): void {
    this.#released = true;
    if (!this.#abandoned) return;
    this.#abandoned = false;
    this.#owner.abandoned--;
  }

  /** The deadline timer and the signal's listener go as soon as the exchange settles. */
  #release(): void {
    if (this.#deadline !== undefined) {
      this.#owner.deadlines.disarm(this.#deadline);
      this.#deadline = undefined;
    }
    if (this.#signal !== undefined) unsubscribeAbort(this.#signal, this);
  }
}

/** undici's error for a body whose length differs from its Content-Length. */
function isContentLengthMismatch(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH';
}
