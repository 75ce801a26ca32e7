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
 * A {@link TransportResponse} over a fetch `Response`. The body is read through its stream so bytes are counted
 * as they arrive and `maxResponseBytes` stops the download as soon as it is crossed. Every read is raced against
 * the exchange's deadline and abort, so a platform body reader that never settles cannot hold the call.
 */
export class FetchTransportResponse implements TransportResponse {
  readonly status: number;
  readonly headers: TransportHeaders;
  readonly url: string;
  bodyUsed = false;
  protected readonly response: Response;
  protected readonly exchange: FetchExchange;
  /** True when the body is known to carry no content coding (Node's wire saw none): no header lookup needed. */
  readonly #identity: boolean;

  /**
   * @param headers - The response headers as the transport shows them (Node's wire reads them from the raw list).
   * @param identity - The body is known to be the bytes as sent, with no content coding.
   */
  constructor(
    response: Response,
    exchange: FetchExchange,
    headers: TransportHeaders = new FetchHeaders(response.headers),
    identity = false,
  ) {
    this.response = response;
    this.exchange = exchange;
    this.#identity = identity;
    this.status = response.status;
    this.headers = headers;
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
    return utf8.decode(await this.bytes());
  }

  async json<T = unknown>(): Promise<T> {
    const { method, url, redactor } = this.exchange.request;
    return parseJsonBody<T>(await this.text(), { method, url, redactor, statusCode: this.status });
  }

  async bytes(): Promise<Uint8Array> {
    if (this.bodyUsed) throw bodyAlreadyUsed();
    this.bodyUsed = true;
    const exchange = this.exchange;
    try {
      const bytes = await this.readAll(exchange.request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
      exchange.release();
      return bytes;
    } catch (error) {
      throw exchange.failure(error);
    }
  }

  /** Every body byte, failing with the one too-large error once more than `limit` arrived. */
  protected async readAll(limit: number): Promise<Uint8Array> {
    const exchange = this.exchange;
    // A coded body's Content-Length counts the coded bytes, not the ones the platform hands over.
    const lengthHeader =
      this.#identity || !this.headers.has('content-encoding') ? this.headers.get('content-length') : null;
    if (lengthHeader !== null && Number(lengthHeader) > limit) throw exchange.abort(exchange.tooLarge(limit));
    if (lengthHeader !== null && Number(lengthHeader) <= limit) {
      // An identity body with a declared length within the limit cannot outgrow it (the platform stops at the
      // declared length), so one arrayBuffer() read replaces the chunk loop: the common case, and much cheaper.
      return new Uint8Array(await exchange.race(this.response.arrayBuffer()));
    }
    return this.readWhole(limit);
  }

  /** Every body byte through the chunk loop, failing with the one too-large error past `limit`. */
  protected async readWhole(limit: number): Promise<Uint8Array> {
    const { bytes, complete } = await this.readPrefix(limit, limit);
    if (!complete) throw this.exchange.abort(this.exchange.tooLarge(limit));
    return bytes();
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
    const exchange = this.exchange;
    return readBodyPrefix(
      body,
      exchange,
      { decoder: undefined, stopAfterBytes, encodedLimitBytes: limit },
      () => exchange.tooLarge(limit),
    );
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
