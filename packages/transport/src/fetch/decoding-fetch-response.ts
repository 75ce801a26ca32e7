import { encodedLimit } from '../encoded-body-limit.js';
import type { TransportHeaders } from '../transport.js';
import { FetchBodyDecoder } from './fetch-body-decoder.js';
import type { FetchExchange } from './fetch-exchange.js';
import { FetchTransportResponse } from './fetch-response.js';
import { type BodyPrefix, type PrefixDecoder, readBodyPrefix } from './read-body-prefix.js';
import type { WireBodyLimit } from './wire-fetch-response.js';

/**
 * A response whose body Node's wire (node-fetch-wire.ts) handed over still coded: every read goes through the
 * shared streaming decoder, which fails typed on a stream cut short or corrupt and stops at the byte limit, so a
 * gzip bomb is never decoded much past what is kept. Node only (behind `#fetch-wire`): a browser's fetch decodes
 * bodies itself and never hands over coded bytes.
 */
export class DecodingFetchResponse extends FetchTransportResponse {
  /** The codings to undo, as a Content-Encoding value. */
  readonly #codings: string;
  readonly #wire: WireBodyLimit;

  constructor(
    response: Response,
    exchange: FetchExchange,
    headers: TransportHeaders,
    codings: string,
    wire: WireBodyLimit,
  ) {
    super(response, exchange, headers);
    this.#codings = codings;
    this.#wire = wire;
  }

  /**
   * Never: every read goes through the decoder, and the declared Content-Length counts coded bytes. A whole read
   * starts here, so the wire enforces its encoded limit from now on: a body that overflowed it while unread fails
   * too large at once.
   */
  protected override fitsOneRead(): boolean {
    this.#wire.enforceLimit();
    return false;
  }

  protected override readPrefix(stopAfterBytes: number, limit: number): Promise<BodyPrefix> {
    const body = this.response.body;
    if (body === null) return super.readPrefix(stopAfterBytes, limit);
    const exchange = this.exchange;
    const context = { ...exchange.context(), statusCode: this.status };
    const decoder = new FetchBodyDecoder(this.#codings, context, stopAfterBytes);
    const encodedLimitBytes = encodedLimit(limit);
    return readBodyPrefix(body, exchange, {
      decoder,
      decode: (chunk, encodedBytes) =>
        decodeWithin(chunk, encodedBytes - encodedLimitBytes, decoder, exchange, limit),
      stopAfterBytes,
      limitBytes: limit,
    });
  }
}

/**
 * Decode `chunk`, failing too large once the body's encoded bytes pass the encoded limit (by `beyond` bytes, when
 * positive). The part within that limit is decoded first: fetch may hand over everything it queued as one chunk,
 * and a bounded read may stop inside that part.
 */
async function decodeWithin(
  chunk: Uint8Array,
  beyond: number,
  decoder: PrefixDecoder,
  exchange: FetchExchange,
  limit: number,
): Promise<void> {
  const within = beyond > 0 ? chunk.subarray(0, Math.max(0, chunk.byteLength - beyond)) : chunk;
  if (within.byteLength > 0) await exchange.race(decoder.write(within));
  if (beyond > 0 && !decoder.stopped) throw exchange.abort(exchange.tooLarge(limit));
}
