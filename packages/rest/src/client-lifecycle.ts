import { ClientClosedError } from '@meta/errors';

/**
 * Tracks whether the client is open and how many calls are in flight, so `close()` can release waiting calls
 * (through `closeSignal`) and resolve once every in-flight exchange has settled. A counter, not a set of
 * promises: entering and leaving cost nothing on the hot path.
 */
export class ClientLifecycle {
  readonly #closeController = new AbortController();
  #inFlight = 0;
  #closing: Promise<void> | undefined;
  #drained: (() => void) | undefined;

  /** Aborts (with a `ClientClosedError`) when `close()` is called; waits listen to it. */
  get closeSignal(): AbortSignal {
    return this.#closeController.signal;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Count a call in; throws `ClientClosedError` once the client is closed. */
  enter(): void {
    if (this.#closing !== undefined)
      throw new ClientClosedError('The client is closed; create a new REST instance');
    this.#inFlight++;
  }

  /** Count a call out. */
  leave(): void {
    this.#inFlight--;
    if (this.#inFlight === 0 && this.#drained !== undefined) this.#drained();
  }

  /**
   * Refuse new calls, release waiting ones, then run `release` (closing an owned transport) once in-flight
   * calls have settled. A second call returns the first call's promise.
   */
  close(release: () => Promise<void>): Promise<void> {
    this.#closing ??= this.#close(release);
    return this.#closing;
  }

  async #close(release: () => Promise<void>): Promise<void> {
    this.#closeController.abort(new ClientClosedError('The client was closed while the call was waiting'));
    if (this.#inFlight > 0) {
      await new Promise<void>((resolve) => {
        this.#drained = resolve;
      });
    }
    await release();
  }
}
