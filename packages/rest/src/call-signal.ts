import { subscribeAbort, unsubscribeAbort } from '@meta/transport/adapter';

/**
 * The signal of a call that has its own `signal` on a client that can be closed with force: it aborts with the
 * caller's reason, or with the client's `ClientClosedError`, whichever comes first. Calls without a signal use
 * the client's force signal as is, so only they pay for this object. Subscriptions go through the abort fan-out,
 * so one shared caller signal never stacks listeners; `release()` drops them when the call settles.
 */
export class CallSignal {
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal;
  readonly #forceSignal: AbortSignal;
  readonly #onCaller = { handleEvent: (): void => this.#controller.abort(this.#callerSignal.reason) };
  readonly #onForce = { handleEvent: (): void => this.#controller.abort(this.#forceSignal.reason) };

  constructor(callerSignal: AbortSignal, forceSignal: AbortSignal) {
    this.#callerSignal = callerSignal;
    this.#forceSignal = forceSignal;
    if (callerSignal.aborted) this.#controller.abort(callerSignal.reason);
    else if (forceSignal.aborted) this.#controller.abort(forceSignal.reason);
    else {
      subscribeAbort(callerSignal, this.#onCaller);
      subscribeAbort(forceSignal, this.#onForce);
    }
  }

  /** The signal handed to the transport. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Stop listening to the caller's and the client's signals. */
  release(): void {
    unsubscribeAbort(this.#callerSignal, this.#onCaller);
    unsubscribeAbort(this.#forceSignal, this.#onForce);
  }
}
