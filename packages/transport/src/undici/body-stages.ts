import { type ContentCoding, MAX_CONTENT_CODINGS, parseContentCodings } from '../content-codings.js';
import { encodedLimit } from '../encoded-body-limit.js';
import type { TransportHeaders } from '../transport.js';
import { BodyDecoder, type DecodedSink } from './body-decoder.js';
import { ChunkedDecoder, type ChunkedSink } from './chunked-decoder.js';
import {
  decodeError,
  type ExchangeState,
  type ExchangeTarget,
  errorContext,
  framingError,
  tooLargeError,
} from './exchange-errors.js';
import { transferFraming } from './transfer-framing.js';

/** The exchange a staged body reports to. */
export interface StagedBodyExchange extends ExchangeTarget {
  readonly state: ExchangeState;
  /** Decoded body bytes, checked against the exchange's byte limit. */
  appendBody(chunk: Buffer): void;
  /** The body is complete (the HTTP body and the decoder, if any, both ended). */
  bodyComplete(): void;
  /** The body cannot be read: fail the exchange with `error`. */
  fail(error: unknown): void;
  /** Drop the connection: the body ended by its own framing while undici still reads it. */
  abortConnection(reason: Error): void;
}

/** The codings of a response that names none (shared: never written to). */
const NO_CODINGS: readonly ContentCoding[] = Object.freeze([]);

/**
 * The stages between the wire and the buffered body for a response that needs any: a strict `chunked` decoder for
 * the transfer codings undici's parser passes through, and one {@link BodyDecoder} for the content codings (and
 * transfer codings on top). Most responses need neither and get no stages: their bytes go straight to the body.
 */
export class BodyStages implements ChunkedSink, DecodedSink {
  readonly #exchange: StagedBodyExchange;
  readonly #decoder: BodyDecoder | undefined;
  readonly #chunked: ChunkedDecoder | undefined;
  #wireEnded = false;
  /** Encoded body bytes so far, trailing bytes after the compressed stream's end included. */
  #encodedBytes = 0;
  /** The most encoded bytes accepted ({@link encodedLimit} of the exchange's byte limit). */
  readonly #encodedLimit: number;

  constructor(exchange: StagedBodyExchange, codings: readonly ContentCoding[], dechunk: boolean) {
    this.#exchange = exchange;
    this.#encodedLimit = encodedLimit(exchange.limit);
    this.#decoder = codings.length === 0 ? undefined : new BodyDecoder(codings, this);
    this.#chunked = dechunk ? new ChunkedDecoder(this) : undefined;
  }

  /** True when the body is decoded (its `Content-Length`, if any, counts encoded bytes). */
  get decoding(): boolean {
    return this.#decoder !== undefined;
  }

  /** Bytes of the response body as they came off the wire. */
  write(chunk: Buffer): void {
    const chunked = this.#chunked;
    if (chunked === undefined) {
      this.onChunkData(chunk);
      return;
    }
    const exchange = this.#exchange;
    try {
      chunked.write(chunk);
    } catch (error) {
      const reason = String((error as Error).message);
      exchange.fail(framingError(exchange, reason, 'HPE_INVALID_CHUNK_SIZE', error));
      return;
    }
    if (chunked.done && exchange.state === 'receiving') {
      this.#wireEnd();
      // undici's parser still reads this body up to the connection's close: the connection cannot be reused.
      exchange.abortConnection(new Error('the chunked body ended; its connection cannot be reused'));
    }
  }

  /** undici read the whole response. */
  end(): void {
    if (this.#chunked !== undefined) {
      const exchange = this.#exchange;
      const reason = 'the chunked body ended before its last chunk';
      exchange.fail(framingError(exchange, reason, 'HPE_INVALID_EOF_STATE'));
      return;
    }
    this.#wireEnd();
  }

  /** Stop decoding and free zlib's memory. */
  destroy(): void {
    this.#decoder?.destroy();
  }

  /** Bytes of the HTTP body with its framing removed. */
  onChunkData(chunk: Buffer): void {
    const decoder = this.#decoder;
    if (decoder === undefined) {
      this.#exchange.appendBody(chunk);
      return;
    }
    // Encoded bytes are bounded too (as on the fetch transport): no valid compressed stream within the limit is
    // longer, and a stream of empty gzip members or padding decodes to nothing the decoded count would stop.
    const limit = this.#encodedLimit;
    const before = this.#encodedBytes;
    if (before > limit) return;
    this.#encodedBytes = before + chunk.length;
    const exchange = this.#exchange;
    if (this.#encodedBytes <= limit) {
      // Bytes after the end of the compressed stream are dropped, as zlib and browsers do (still counted above).
      if (!decoder.finished) decoder.write(chunk);
      return;
    }
    // Past it: the bytes within it are decoded first, then the exchange fails too large (unless the decoded count
    // failed it already). The decoded bytes kept for a bounded read then do not depend on how far zlib lagged.
    if (decoder.finished) exchange.fail(tooLargeError(exchange));
    else decoder.writeLast(chunk.subarray(0, limit - before), () => exchange.fail(tooLargeError(exchange)));
  }

  onDecodedData(chunk: Buffer): void {
    this.#exchange.appendBody(chunk);
  }

  onDecodedEnd(): void {
    // A compressed stream that ends before the HTTP body does waits for the body (issues 17.6, 18.3).
    if (this.#exchange.state === 'receiving' && this.#wireEnded) this.#exchange.bodyComplete();
  }

  onDecodeError(error: Error): void {
    this.#exchange.fail(decodeError(this.#exchange, error));
  }

  /** The HTTP body ended (by its framing); the exchange completes once the decoder, if any, ended too. */
  #wireEnd(): void {
    const exchange = this.#exchange;
    // Bytes past the encoded limit were dropped: the body can only fail, however the decoder ends.
    if (this.#encodedBytes > this.#encodedLimit) {
      exchange.fail(tooLargeError(exchange));
      return;
    }
    this.#wireEnded = true;
    const decoder = this.#decoder;
    if (decoder === undefined || decoder.finished) this.#exchange.bodyComplete();
    else decoder.end();
  }
}

/**
 * The stages a response's body needs (content codings, then transfer codings on top), or `undefined` when its
 * bytes go straight to the body. Throws the typed error for a coding or framing the client refuses.
 */
export function openBodyStages(
  exchange: StagedBodyExchange,
  headers: TransportHeaders,
  bodyless: boolean,
): BodyStages | undefined {
  const contentEncoding = headers.get('content-encoding');
  // Most responses name no coding: the error context is built only for a header there is to parse.
  let codings = contentEncoding ? parseContentCodings(contentEncoding, errorContext(exchange)) : NO_CODINGS;
  let dechunk = false;
  const transferEncoding = headers.getAll('transfer-encoding');
  if (transferEncoding.length > 0 && !bodyless) {
    const framing = transferFraming(transferEncoding.length === 1 ? transferEncoding[0] : transferEncoding);
    if (typeof framing === 'string') throw framingError(exchange, framing, 'HPE_INVALID_TRANSFER_ENCODING');
    if (framing.codings.length + codings.length > MAX_CONTENT_CODINGS) {
      const reason = 'too many transfer and content codings';
      throw framingError(exchange, reason, 'HPE_INVALID_TRANSFER_ENCODING');
    }
    dechunk = framing.dechunk;
    if (framing.codings.length > 0) codings = [...codings, ...framing.codings];
  }
  return codings.length === 0 && !dechunk ? undefined : new BodyStages(exchange, codings, dechunk);
}
