import { ResponseTooLargeError, type TimeoutPhase } from '@meta/errors';
import { subscribeAbort, unsubscribeAbort } from '../abort-fan-out.js';
import { attemptTimeout, type FailureContext, mapTransportError } from '../map-transport-error.js';
import { timerDelay } from '../timer-delay.js';
import type { TransportRequest } from '../transport.js';

/**
 * The bookkeeping of one fetch exchange: the AbortController fetch needs (it has no other way to stop), the
 * deadline timer, the caller's signal, and turning what fetch threw into the @meta error for it.
 */
export class FetchExchange {
  readonly controller = new AbortController();
  readonly request: TransportRequest;
  /** True once fetch resolved with the status line and headers. */
  responded = false;
  statusCode: number | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timeout: Error | undefined;
  #released = false;

  constructor(request: TransportRequest) {
    this.request = request;
    if (request.signal !== undefined) subscribeAbort(request.signal, this);
    if (request.timeoutMs !== undefined) {
      this.#timer = setTimeout(() => this.#deadlinePassed(), timerDelay(request.timeoutMs));
    }
  }

  /** The caller's signal fired: pass its reason to fetch so fetch rejects with it. */
  handleEvent(): void {
    this.controller.abort(this.request.signal!.reason);
  }

  #deadlinePassed(): void {
    this.#timer = undefined;
    const phase: TimeoutPhase = this.responded ? 'body' : 'headers';
    this.#timeout = attemptTimeout(phase, this.#context());
    this.controller.abort(this.#timeout);
  }

  /** Stop the deadline and the signal listener once the exchange is over (body read, cancelled or failed). */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.request.signal !== undefined) unsubscribeAbort(this.request.signal, this);
  }

  /** Abort the wire with `error` (a crossed size limit, a bad coding) and release. */
  abort(error: Error): void {
    this.controller.abort(error);
    this.release();
  }

  /** The error to reject with: the caller's abort reason as-is, the deadline, or the mapped platform error. */
  failure(error: unknown): unknown {
    this.release();
    const signal = this.request.signal;
    if (signal?.aborted) return signal.reason;
    if (this.#timeout) return this.#timeout;
    return mapTransportError(error, { ...this.#context(), beforeResponse: !this.responded });
  }

  tooLarge(limitBytes: number): ResponseTooLargeError {
    const { method, url, redactor } = this.request;
    return new ResponseTooLargeError({
      method,
      url,
      limitBytes,
      ...(redactor ? { redactor } : {}),
      ...(this.statusCode === undefined ? {} : { statusCode: this.statusCode }),
    });
  }

  context(): FailureContext {
    return { ...this.#context(), beforeResponse: !this.responded };
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
