import { decodeBody, nodeZlib, StreamingBodyDecoder } from '#fetch-wire';
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
import type { NodeFetchWire } from './node-fetch-wire.js';
import { type BodyPrefix, readBodyPrefix } from './read-body-prefix.js';

// One decoder for every response: TextDecoder keeps no state between non-streaming decode() calls.
const utf8 = new TextDecoder();

/**
 * How many encoded bytes may arrive for a `limit` of decoded ones: compressed data can be slightly larger than
 * its input (about 0.03% plus a header for incompressible input), so the raw count gets a little slack and the
 * decoded count decides.
 */
function encodedLimit(limit: number): number {
  return limit + Math.ceil(limit / 64) + 1024;
}

/**
 * A {@link TransportResponse} over a fetch `Response`. The body is read through its stream so bytes are counted
 * as they arrive and `maxResponseBytes` stops the download as soon as it is crossed. Every read is raced against
 * the exchange's deadline and abort, so a platform body reader that never settles cannot hold the call.
 */
export class FetchTransportResponse implements TransportResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: TransportHeaders;
  readonly url: string;
  readonly opaqueRedirect: boolean;
  bodyUsed = false;
  readonly #response: Response;
  readonly #exchange: FetchExchange;
  /** The codings taken away from Node's fetch, which the transport decodes (`null`: none, or not Node). */
  readonly #wireEncoding: string | null;

  constructor(response: Response, exchange: FetchExchange, wire: NodeFetchWire | undefined) {
    this.#response = response;
    this.#exchange = exchange;
    this.#wireEncoding = wire?.codingsToDecode() ?? null;
    this.status = response.status;
    this.statusText = response.statusText;
    this.headers = new FetchHeaders(response.headers, wire?.contentEncoding ?? null);
    this.url = exchange.request.url;
    this.opaqueRedirect = response.type === 'opaqueredirect';
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
    try {
      const zlib = this.#wireEncoding === null ? undefined : nodeZlib();
      const raw = await this.#readAll(zlib === undefined ? limit : encodedLimit(limit), zlib !== undefined);
      const bytes =
        zlib === undefined
          ? raw
          : await exchange.race(
              decodeBody(
                zlib,
                raw,
                this.#wireEncoding!,
                { ...exchange.context(), statusCode: this.status },
                () => exchange.tooLarge(limit),
                limit,
              ),
            );
      exchange.release();
      return bytes;
    } catch (error) {
      throw exchange.failure(error);
    }
  }

  /** Every body byte, failing with the one too-large error once more than `limit` arrived. */
  async #readAll(limit: number, encoded: boolean): Promise<Uint8Array> {
    const exchange = this.#exchange;
    const body = this.#response.body;
    if (body === null) return new Uint8Array(0);
    const lengthHeader =
      encoded || this.headers.has('content-encoding') ? null : this.headers.get('content-length');
    if (lengthHeader !== null && Number(lengthHeader) > limit) throw exchange.abort(exchange.tooLarge(limit));
    if (lengthHeader !== null && Number(lengthHeader) <= limit) {
      // An identity body with a declared length within the limit cannot outgrow it (the platform stops at the
      // declared length), so one arrayBuffer() read replaces the chunk loop: the common case, and much cheaper.
      return new Uint8Array(await exchange.race(this.#response.arrayBuffer()));
    }
    const tooLarge = () => exchange.tooLarge(limit);
    const limits = { decoder: undefined, stopAfterBytes: limit, encodedLimitBytes: limit };
    const { bytes, complete } = await readBodyPrefix(body, exchange, limits, tooLarge);
    if (!complete) throw exchange.abort(tooLarge());
    return bytes();
  }

  async textPrefix(maxBytes: number): Promise<TransportTextPrefix> {
    checkMaxBytes(maxBytes);
    if (this.bodyUsed) throw bodyAlreadyUsed();
    this.bodyUsed = true;
    const exchange = this.#exchange;
    const limit = exchange.request.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    try {
      const prefix = await this.#readPrefix(Math.min(maxBytes, limit), limit);
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

  /** The body's decoded bytes until more than `stopAfterBytes` arrived (the rest cancelled) or it ended. */
  #readPrefix(stopAfterBytes: number, limit: number): Promise<BodyPrefix> {
    const body = this.#response.body;
    if (body === null) return Promise.resolve({ bytes: () => new Uint8Array(0), complete: true });
    const exchange = this.#exchange;
    const zlib = this.#wireEncoding === null ? undefined : nodeZlib();
    const context = { ...exchange.context(), statusCode: this.status };
    const decoder =
      zlib === undefined
        ? undefined
        : new StreamingBodyDecoder(zlib, this.#wireEncoding!, context, stopAfterBytes);
    return readBodyPrefix(
      body,
      exchange,
      { decoder, stopAfterBytes, encodedLimitBytes: encodedLimit(limit) },
      () => exchange.tooLarge(limit),
    );
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
