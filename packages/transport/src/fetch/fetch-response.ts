import { bodyAlreadyUsed, parseJsonBody } from '../parse-json-body.js';
import { checkMaxBytes, textPrefixOf } from '../text-prefix.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type TransportHeaders,
  type TransportResponse,
  type TransportTextPrefix,
} from '../transport.js';
import type { FetchExchange } from './fetch-exchange.js';
import { FetchHeaders } from './fetch-headers.js';
import { type BodyPrefix, readBodyPrefix } from './read-body-prefix.js';

// One decoder for every response: TextDecoder keeps no state between non-streaming decode() calls.
const utf8 = new TextDecoder();

const EMPTY_BODY: BodyPrefix = { bytes: () => new Uint8Array(0), complete: true };

/**
 * A {@link TransportResponse} over a fetch `Response`. A whole read uses fetch's own one-shot consumer when the
 * body cannot outgrow `maxResponseBytes` that way (Node's wire enforces the limit, or a declared length within
 * it); otherwise the body is read through its stream so bytes are counted as they arrive and the limit stops the
 * download as soon as it is crossed. Every read is raced against the exchange's deadline and abort, so a
 * platform body reader that never settles cannot hold the call.
 */
export class FetchTransportResponse implements TransportResponse {
  readonly status: number;
  readonly headers: TransportHeaders;
  readonly url: string;
  bodyUsed = false;
  protected readonly response: Response;
  protected readonly exchange: FetchExchange;
  /** @param headers - The response headers as the transport shows them (Node's wire reads them from the raw list). */
  constructor(response: Response, exchange: FetchExchange, headers?: TransportHeaders) {
    this.response = response;
    this.exchange = exchange;
    this.status = response.status;
    this.headers = headers ?? new FetchHeaders(response.headers);
    this.url = exchange.request.url;
  }

  // Read from the platform's response when asked (most successful calls never ask): each of fetch's getters
  // pays a WebIDL brand check.
  get statusText(): string {
    return this.response.statusText;
  }

  get opaqueRedirect(): boolean {
    return this.response.type === 'opaqueredirect';
  }

  async text(): Promise<string> {
    return this.#consume(true) as Promise<string>;
  }

  async json<T = unknown>(): Promise<T> {
    const { method, url, redactor } = this.exchange.request;
    return parseJsonBody<T>(await this.text(), { method, url, redactor, statusCode: this.status });
  }

  async bytes(): Promise<Uint8Array> {
    return this.#consume(false) as Promise<Uint8Array>;
  }

  /**
   * The whole body, as text or bytes: read by fetch's own one-shot consumer when the body cannot outgrow the
   * limit that way (its `text()` decodes what it gathered as is, where `arrayBuffer()` copies it once more in
   * Node 20 to 24), else through the counting chunk loop, failing with the one too-large error past the limit.
   */
  async #consume(asText: boolean): Promise<string | Uint8Array> {
    if (this.bodyUsed) throw bodyAlreadyUsed();
    this.bodyUsed = true;
    const exchange = this.exchange;
    const response = this.response;
    if (response.body === null) {
      // No body at all (HEAD, 204, 304): whatever its Content-Length declares (the representation's), nothing to
      // read or to hold against the limit.
      exchange.release();
      return asText ? '' : new Uint8Array(0);
    }
    try {
      const limit = exchange.request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
      let body: string | Uint8Array;
      if (this.fitsOneRead(limit)) {
        body = asText
          ? await exchange.race(response.text())
          : new Uint8Array(await exchange.race(response.arrayBuffer()));
      } else {
        const { bytes, complete } = await this.readPrefix(limit, limit);
        if (!complete) throw exchange.abort(exchange.tooLarge(limit));
        body = asText ? utf8.decode(bytes()) : bytes();
      }
      exchange.release();
      return body;
    } catch (error) {
      throw exchange.failure(error);
    }
  }

  /**
   * Whether one read of the whole body is safe: the body cannot outgrow `limit` that way. True for a body whose
   * `declared` length is within it (the platform stops at the declared length); one past it fails at once,
   * before any byte is read. Node's wire, which enforces the limit as the body arrives, says yes to more
   * (wire-fetch-response.ts).
   */
  protected fitsOneRead(
    limit: number,
    // A coded body's Content-Length counts the coded bytes, not the ones the platform hands over.
    declared = this.headers.has('content-encoding') ? null : this.headers.get('content-length'),
  ): boolean {
    const length = Number(declared ?? Number.NaN);
    if (length > limit) throw this.exchange.abort(this.exchange.tooLarge(limit));
    return length <= limit;
  }

  async textPrefix(maxBytes: number): Promise<TransportTextPrefix> {
    checkMaxBytes(maxBytes);
    if (this.bodyUsed) throw bodyAlreadyUsed();
    this.bodyUsed = true;
    const exchange = this.exchange;
    const limit = exchange.request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    try {
      const prefix = await this.readPrefix(Math.min(maxBytes, limit), limit);
      if (prefix.complete) exchange.release();
      // More than `limit` bytes before `maxBytes` were: the body is too large, as any other read would say.
      else if (maxBytes >= limit) throw exchange.abort(exchange.tooLarge(limit));
      // The rest is not wanted: ending the exchange aborts fetch, which drops the connection.
      else exchange.abort(new Error('the rest of the body was not read (bounded read)'));
      return textPrefixOf(prefix.bytes(), maxBytes);
    } catch (error) {
      throw exchange.failure(error);
    }
  }

  /** The body's bytes until more than `stopAfterBytes` arrived (the rest cancelled) or it ended. */
  protected readPrefix(stopAfterBytes: number, limit: number): Promise<BodyPrefix> {
    const body = this.response.body;
    if (body === null) return Promise.resolve(EMPTY_BODY);
    return readBodyPrefix(body, this.exchange, { decoder: undefined, stopAfterBytes, limitBytes: limit });
  }

  async cancel(reason?: unknown): Promise<void> {
    this.bodyUsed = true;
    this.exchange.release();
    // Not awaited: a tee'd body (MSW's setupServer keeps a copy of every mocked body) settles its cancel only
    // once every branch is cancelled, so awaiting it can hang the caller's retry forever. The cancel itself
    // starts at once and releases the connection; its outcome carries nothing the caller needs.
    this.response.body?.cancel(reason).catch(() => {
      // A body that already failed or finished has nothing left to release.
    });
  }
}
