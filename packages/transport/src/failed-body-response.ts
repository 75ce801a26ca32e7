import { bodyAlreadyUsed } from './parse-json-body.js';
import { checkMaxBytes } from './text-prefix.js';
import type { TransportHeaders, TransportResponse, TransportTextPrefix } from './transport.js';

/**
 * A response whose status line and headers are real but whose body cannot be read: every read rejects with
 * `failure` (once; a second read is the usual `TypeError`), `cancel()` resolves. For a non-2xx with a content
 * coding the transport refuses (SPEC 3.8 v2: the status wins), so the caller builds its `APIError` from the status
 * and headers with the coding error as the cause. The connection behind it must already be released.
 */
export class FailedBodyResponse implements TransportResponse {
  bodyUsed = false;
  readonly #response: TransportResponse;
  readonly #failure: unknown;

  /**
   * @param response - The response as the transport would have handed it over (its body is never read).
   * @param failure - What every body read rejects with.
   */
  constructor(response: TransportResponse, failure: unknown) {
    this.#response = response;
    this.#failure = failure;
  }

  get status(): number {
    return this.#response.status;
  }

  get statusText(): string {
    return this.#response.statusText;
  }

  get headers(): TransportHeaders {
    return this.#response.headers;
  }

  get url(): string {
    return this.#response.url;
  }

  get opaqueRedirect(): boolean {
    return this.#response.opaqueRedirect === true;
  }

  text(): Promise<string> {
    return this.#read();
  }

  bytes(): Promise<Uint8Array> {
    return this.#read();
  }

  json<T = unknown>(): Promise<T> {
    return this.#read();
  }

  textPrefix(maxBytes: number): Promise<TransportTextPrefix> {
    try {
      checkMaxBytes(maxBytes);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#read();
  }

  cancel(): Promise<void> {
    this.bodyUsed = true;
    return Promise.resolve();
  }

  #read<T>(): Promise<T> {
    if (this.bodyUsed) return Promise.reject(bodyAlreadyUsed());
    this.bodyUsed = true;
    return Promise.reject(this.#failure);
  }
}
