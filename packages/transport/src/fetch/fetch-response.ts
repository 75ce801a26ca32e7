import { bodyAlreadyUsed, parseJsonBody } from '../parse-json-body.js';
import { DEFAULT_MAX_RESPONSE_BYTES, type TransportHeaders, type TransportResponse } from '../transport.js';
import type { FetchExchange } from './fetch-exchange.js';
import { FetchHeaders } from './fetch-headers.js';

// One decoder for every response: TextDecoder keeps no state between non-streaming decode() calls.
const utf8 = new TextDecoder();

/**
 * A {@link TransportResponse} over a fetch `Response`. The body is read through its stream so decoded bytes are
 * counted as they arrive and `maxResponseBytes` stops the download as soon as it is crossed.
 */
export class FetchTransportResponse implements TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: TransportHeaders;
  readonly url: string;
  bodyUsed = false;
  readonly #response: Response;
  readonly #exchange: FetchExchange;

  constructor(response: Response, exchange: FetchExchange) {
    this.#response = response;
    this.#exchange = exchange;
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = new FetchHeaders(response.headers);
    this.url = exchange.request.url;
  }

  async text(): Promise<string> {
    return utf8.decode(await this.bytes());
  }

  async json<T = unknown>(): Promise<T> {
    const { method, url, redactor } = this.#exchange.request;
    return parseJsonBody<T>(await this.text(), { method, url, redactor, statusCode: this.status });
  }

  async bytes(): Promise<Uint8Array> {
    if (this.bodyUsed) throw bodyAlreadyUsed();
    this.bodyUsed = true;
    const exchange = this.#exchange;
    const limit = exchange.request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const body = this.#response.body;
    if (body === null) {
      exchange.release();
      return new Uint8Array(0);
    }
    const encoded = this.headers.has('content-encoding');
    const lengthHeader = this.headers.get('content-length');
    const declared = lengthHeader === null ? Number.NaN : Number(lengthHeader);
    if (!encoded && declared > limit) {
      exchange.abort(exchange.tooLarge(limit));
      throw exchange.tooLarge(limit);
    }
    if (!encoded && declared <= limit) {
      // An identity body with a declared length within the limit cannot outgrow it (the platform stops at the
      // declared length), so one arrayBuffer() read replaces the chunk loop: the common case, and much cheaper.
      try {
        const bytes = new Uint8Array(await this.#response.arrayBuffer());
        exchange.release();
        return bytes;
      } catch (error) {
        throw exchange.failure(error);
      }
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        length += value.byteLength;
        if (length > limit) {
          const error = exchange.tooLarge(limit);
          exchange.abort(error);
          throw error;
        }
        chunks.push(value);
      }
    } catch (error) {
      throw exchange.failure(error);
    }
    exchange.release();
    return concat(chunks, length);
  }

  async cancel(reason?: unknown): Promise<void> {
    this.bodyUsed = true;
    this.#exchange.release();
    // Not awaited: a tee'd body (MSW's setupServer keeps a copy of every mocked body) settles its cancel only
    // once every branch is cancelled, so awaiting it can hang the caller's retry forever. The cancel itself
    // starts at once and releases the connection; its outcome carries nothing the caller needs.
    this.#response.body?.cancel(reason).catch(() => {
      // A body that already failed or finished has nothing left to release.
    });
  }
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
