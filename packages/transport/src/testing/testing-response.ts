import { ResponseTooLargeError } from '@meta/errors';
import { bodyAlreadyUsed, parseJsonBody } from '../parse-json-body.js';
import { reasonPhrase } from '../status-text.js';
import { checkMaxBytes, textPrefixOf } from '../text-prefix.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  type TransportHeaders,
  type TransportRequest,
  type TransportResponse,
  type TransportTextPrefix,
} from '../transport.js';
import { createTransportHeaders } from '../transport-headers.js';
import type { TestingResponseInit } from './testing-step.js';

// One decoder for every response: TextDecoder keeps no state between non-streaming decode() calls.
const utf8 = new TextDecoder();

/** The body bytes and the content type a JSON body implies. */
function encodeBody(body: unknown): { bytes: Uint8Array; contentType?: string } {
  if (body === undefined || body === null) return { bytes: new Uint8Array(0) };
  if (typeof body === 'string') return { bytes: new TextEncoder().encode(body) };
  if (body instanceof Uint8Array) return { bytes: body };
  if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body) };
  return { bytes: new TextEncoder().encode(JSON.stringify(body)), contentType: 'application/json' };
}

/** A {@link TransportResponse} over a scripted response, read with the same rules as the real transports. */
export class TestingTransportResponse implements TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: TransportHeaders;
  readonly url: string;
  bodyUsed = false;
  readonly #bytes: Uint8Array;
  readonly #request: TransportRequest;

  constructor(init: TestingResponseInit, request: TransportRequest) {
    const { bytes, contentType } = encodeBody(init.body);
    const headers = createTransportHeaders(
      (init.headers ?? {}) as Readonly<Record<string, string | readonly string[]>>,
    );
    const pairs: Array<[string, string]> = [];
    for (const [name] of headers) for (const value of headers.getAll(name)) pairs.push([name, value]);
    if (contentType !== undefined && !headers.has('content-type')) pairs.push(['content-type', contentType]);
    this.status = init.status ?? 200;
    this.statusText = reasonPhrase(this.status, init.statusText ?? '');
    this.headers = createTransportHeaders(pairs);
    this.url = request.url;
    this.#bytes = bytes;
    this.#request = request;
  }

  async bytes(): Promise<Uint8Array> {
    this.#use();
    const limit = this.#limit();
    if (this.#bytes.byteLength > limit) throw this.#tooLarge(limit);
    return this.#bytes.slice();
  }

  /** Like the real transports: the first `maxBytes` bytes, or `ResponseTooLargeError` when the limit comes first. */
  async textPrefix(maxBytes: number): Promise<TransportTextPrefix> {
    checkMaxBytes(maxBytes);
    this.#use();
    const limit = this.#limit();
    if (this.#bytes.byteLength > limit && maxBytes >= limit) throw this.#tooLarge(limit);
    return textPrefixOf(this.#bytes, maxBytes);
  }

  async text(): Promise<string> {
    return utf8.decode(await this.bytes());
  }

  async json<T = unknown>(): Promise<T> {
    const { method, url, redactor } = this.#request;
    return parseJsonBody<T>(await this.text(), { method, url, redactor, statusCode: this.status });
  }

  async cancel(): Promise<void> {
    this.bodyUsed = true;
  }

  #use(): void {
    if (this.bodyUsed) throw bodyAlreadyUsed();
    this.bodyUsed = true;
  }

  #limit(): number {
    return this.#request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  #tooLarge(limit: number): ResponseTooLargeError {
    const { method, url, redactor } = this.#request;
    return new ResponseTooLargeError({
      method,
      url,
      limitBytes: limit,
      statusCode: this.status,
      ...(redactor ? { redactor } : {}),
    });
  }
}

/** Read a standard `Response` into a scripted one (for handlers that return `new Response(...)`). */
export async function fromFetchResponse(response: Response): Promise<TestingResponseInit> {
  const headers: Array<[string, string]> = [];
  response.headers.forEach((value, name) => {
    headers.push([name, value]);
  });
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    body: new Uint8Array(await response.arrayBuffer()),
  };
}
