import { ResponseTooLargeError, type TimeoutPhase } from '@meta/errors';
import { subscribeAbort, unsubscribeAbort } from '../abort-fan-out.js';
import { attemptTimeout, type FailureContext, mapTransportError } from '../map-transport-error.js';
import { timerDelay } from '../timer-delay.js';
import type { TransportRequest } from '../transport.js';

/** Where a fetch exchange is: waiting for headers, reading the body, or over. */
type ExchangeState = 'waiting' | 'receiving' | 'released';

/** What can stop the connection of an exchange without fetch's signal: the Node wire (node-fetch-wire.ts). */
export interface ExchangeWire {
  abort(reason: unknown): void;
  /** True while the request waits for its connection (TCP and TLS handshakes), as far as the wire can tell. */
  readonly connecting: boolean;
}

/**
 * The bookkeeping of one fetch exchange: how to stop fetch (the AbortController it is given, or the Node wire's
 * own abort, see {@link FetchExchange.signal}), the deadline timer, the caller's signal, and turning what fetch
 * threw into the @meta error for it.
 *
 * Every wait on the platform goes through {@link FetchExchange.race}: the deadline and the caller's abort settle
 * the call themselves, whether or not fetch honours the abort (Node 20's fetch ignores it while its decoder is
 * stuck on a corrupt gzip stream, issue 12.1).
 */
export class FetchExchange {
  readonly request: TransportRequest;
  /** Created only when fetch is given a signal: the Node wire aborts the connection without one. */
  #controller: AbortController | undefined;
  readonly #wire: ExchangeWire | undefined;
  #state: ExchangeState = 'waiting';
  #statusCode: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Why the exchange ended early (deadline, abort, size limit, bad coding), once it did. */
  #ended: unknown;
  #hasEnded = false;
  readonly #endWaiters = new Set<(reason: unknown) => void>();

  /** @param wire - Stops the connection when the exchange ends; fetch is given a signal as well unless trusted. */
  constructor(request: TransportRequest, wire?: ExchangeWire) {
    this.request = request;
    this.#wire = wire;
    if (request.signal !== undefined) subscribeAbort(request.signal, this);
    if (request.timeoutMs !== undefined) {
      this.#timer = setTimeout(() => this.#deadlinePassed(), timerDelay(request.timeoutMs));
    }
  }

  /**
   * The signal to hand to fetch, created on first use. Node's own fetch is not given one once the wire is known
   * to carry its requests: a signal costs fetch a dependent AbortController, listeners and a finalization
   * registration per request (about a fifth of a small GET's CPU), and the wire's abort stops the same
   * connection.
   */
  get signal(): AbortSignal {
    this.#controller ??= new AbortController();
    if (this.#hasEnded) this.#controller.abort(this.#ended);
    return this.#controller.signal;
  }

  /** The status, once the headers arrived. */
  get statusCode(): number | undefined {
    return this.#statusCode;
  }

  /** Record that the status line and headers arrived: from now on a failure is in the body phase. */
  responded(statusCode: number): void {
    this.#statusCode = statusCode;
    if (this.#state === 'waiting') this.#state = 'receiving';
  }

  /** The caller's signal fired: end the exchange with its reason, as-is. */
  handleEvent(): void {
    this.#end(this.request.signal!.reason);
  }

  #deadlinePassed(): void {
    this.#timer = undefined;
    // Before the headers: a connect timeout when the Node wire saw no connection yet (a browser's fetch, or one
    // the wire does not carry, cannot tell, and reports `headers`).
    const phase: TimeoutPhase =
      this.#state !== 'waiting' ? 'body' : this.#wire?.connecting ? 'connect' : 'headers';
    this.#end(attemptTimeout(phase, this.#context()));
  }

  /** End the exchange with `reason`: abort the wire, wake every racing wait, release timers and listeners. */
  #end(reason: unknown): void {
    if (this.#hasEnded) return;
    this.#hasEnded = true;
    this.#ended = reason;
    this.#controller?.abort(reason);
    this.#wire?.abort(reason);
    for (const wake of this.#endWaiters) wake(reason);
    this.#endWaiters.clear();
    this.release();
  }

  /**
   * Wait for `promise`, or reject as soon as the exchange ends (deadline, abort, a crossed limit), whichever
   * comes first. A platform promise that never settles can therefore never hold the call past its deadline.
   */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.#hasEnded) {
      promise.catch(() => undefined);
      return Promise.reject(this.#ended);
    }
    return new Promise<T>((resolve, reject) => {
      this.#endWaiters.add(reject);
      promise.then(
        (value) => {
          this.#endWaiters.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          this.#endWaiters.delete(reject);
          reject(error);
        },
      );
    });
  }

  /** Stop the deadline and the signal listener once the exchange is over (body read, cancelled or failed). */
  release(): void {
    if (this.#state === 'released') return;
    this.#state = 'released';
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.request.signal !== undefined) unsubscribeAbort(this.request.signal, this);
  }

  /** End the exchange with `error` (a crossed size limit, a bad coding): the wire is aborted. Returns it. */
  abort<E>(error: E): E {
    this.#end(error);
    return error;
  }

  /** The error to reject with: what ended the exchange (deadline, abort reason as-is), or the mapped error. */
  failure(error: unknown): unknown {
    if (this.#hasEnded) return this.#ended;
    const signal = this.request.signal;
    const failure = signal?.aborted ? signal.reason : mapTransportError(error, this.context());
    this.#end(failure);
    return failure;
  }

  /** The one error for a body past `limitBytes` (built once: it aborts the wire and is what the read rejects with). */
  tooLarge(limitBytes: number): ResponseTooLargeError {
    const { method, url, redactor } = this.request;
    return new ResponseTooLargeError({
      method,
      url,
      limitBytes,
      ...(redactor ? { redactor } : {}),
      ...(this.#statusCode === undefined ? {} : { statusCode: this.#statusCode }),
    });
  }

  /** What a failure of this exchange names, for errors built outside it. */
  context(): FailureContext {
    return {
      ...this.#context(),
      beforeResponse: this.#state === 'waiting',
      ...(this.#statusCode === undefined ? {} : { statusCode: this.#statusCode }),
    };
  }

  #context(): Omit<FailureContext, 'beforeResponse'> {
    const request = this.request;
    return {
      method: request.method,
      url: request.url,
      ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
      ...(request.redactor ? { redactor: request.redactor } : {}),
    };
  }
}
