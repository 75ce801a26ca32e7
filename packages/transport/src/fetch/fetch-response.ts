import { bodyAlreadyUsed, parseJsonBody } from '../parse-json-body.js';
import type { TransportHeaders, TransportResponse } from '../transport.js';
import { createTransportHeaders } from '../transport-headers.js';
import type { FetchExchange } from './fetch-exchange.js';

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
    // Iterating `Headers` yields each `Set-Cookie` on its own and other repeated headers joined with `, `.
    this.headers = createTransportHeaders(response.headers);
    this.url = exchange.request.url;
  }

  async text(): Promise<string> {
    return new TextDecoder().decode(await this.bytes());
  }

  async json<T = unknown>(): Promise<T> {
    const text = await this.text();
    const { method, url, redactor } = this.#exchange.request;
    return parseJsonBody<T>(text, {
      method,
      url,
      statusCode: this.status,
      ...(redactor ? { redactor } : {}),
    });
  }

  async bytes(): Promise<Uint8Array> {
    if (this.bodyUsed) throw bodyAlreadyUsed();
    this.bodyUsed = true;
    const exchange = this.#exchange;
    const limit = exchange.request.maxResponseBytes;
    const body = this.#response.body;
    if (body === null) {
      exchange.release();
      return new Uint8Array(0);
    }
    const declared = Number(this.headers.get('content-length'));
    if (limit !== undefined && !this.headers.has('content-encoding') && declared > limit) {
      exchange.abort(exchange.tooLarge(limit));
      throw exchange.tooLarge(limit);
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        length += value.byteLength;
        if (limit !== undefined && length > limit) {
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
