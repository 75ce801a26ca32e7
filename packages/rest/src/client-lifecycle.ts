import { ClientClosedError } from '@meta/errors';

/** Options of `REST.close()`. */
export interface CloseOptions {
  /**
   * Also abort exchanges already on the wire: their calls reject with `ClientClosedError` and `close()` resolves
   * once their sockets are closed. A graceful `close()` followed by a forced one is upgraded.
   * @default false
   */
  readonly force?: boolean | undefined;
}

/**
 * Tracks whether the client is open and how many calls are in flight, so `close()` can release waiting calls
 * (through `closeSignal`), abort exchanges on the wire when forced (through `forceSignal`), and resolve once
 * every call has settled. A counter, not a set of promises: entering and leaving cost nothing on the hot path.
 */
export class ClientLifecycle {
  readonly #closeController = new AbortController();
  readonly #forceController = new AbortController();
  #inFlight = 0;
  #closing: Promise<void> | undefined;
  #drained: (() => void) | undefined;

  /** Aborts (with a `ClientClosedError`) when `close()` is called; waits listen to it. */
  get closeSignal(): AbortSignal {
    return this.#closeController.signal;
  }

  /** Aborts (with a `ClientClosedError`) when `close({ force: true })` is called; exchanges listen to it. */
  get forceSignal(): AbortSignal {
    return this.#forceController.signal;
  }

  get closed(): boolean {
    return this.#closing !== undefined;
  }

  /** Count a call in; throws `ClientClosedError` once the client is closed. */
  enter(): void {
    if (this.#closing !== undefined) {
      throw new ClientClosedError('The client is closed; create a new REST instance');
    }
    this.#inFlight++;
  }

  /** Count a call out. */
  leave(): void {
    this.#inFlight--;
    if (this.#inFlight === 0 && this.#drained !== undefined) this.#drained();
  }

  /**
   * Refuse new calls, release waiting ones, abort exchanges on the wire when `force` is set, then run `release`
   * (closing an owned transport) once in-flight calls have settled. Later calls return the first call's promise,
   * after upgrading it to forced when asked.
   */
  close(release: () => Promise<void>, options?: CloseOptions): Promise<void> {
    if (options?.force === true && !this.#forceController.signal.aborted) {
      this.#forceController.abort(
        new ClientClosedError('The client was closed with force while this request was in flight'),
      );
    }
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
