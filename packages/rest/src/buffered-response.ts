import type { TransportHeaders, TransportRequest, TransportResponse } from '@meta/transport';
import { bodyAlreadyUsed, parseJsonBody } from '@meta/transport/adapter';

const encoder = new TextEncoder();

/**
 * A response whose body the pipeline already read (in full for a 2xx, bounded for a failure), as handed to an
 * `afterResponse` hook: a fresh view per hook call, readable once like any transport response, so a hook that
 * reads the body gets it and the client still decodes it afterwards (issue 12.14).
 */
export class BufferedResponse implements TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: TransportHeaders;
  readonly url: string;
  #used = false;
  readonly #text: string;
  readonly #request: TransportRequest;

  constructor(response: TransportResponse, text: string | undefined, request: TransportRequest) {
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = response.headers;
    this.url = response.url;
    this.#text = text ?? '';
    this.#request = request;
  }

  get bodyUsed(): boolean {
    return this.#used;
  }

  #take(): string {
    // A second read by the same hook is a programming mistake, answered like every transport response does.
    if (this.#used) throw bodyAlreadyUsed();
    this.#used = true;
    return this.#text;
  }

  async text(): Promise<string> {
    return this.#take();
  }

  async bytes(): Promise<Uint8Array> {
    return encoder.encode(this.#take());
  }

  async json<T = unknown>(): Promise<T> {
    // The transports' own rule: a bounded, redacted snippet, and a cause that never quotes the body.
    const { method, url, redactor } = this.#request;
    return parseJsonBody<T>(this.#take(), { method, url, redactor, statusCode: this.status });
  }

  async cancel(): Promise<void> {
    this.#used = true;
  }
}
