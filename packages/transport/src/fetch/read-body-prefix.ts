import type { FetchExchange } from './fetch-exchange.js';

/** A decoder for a body still coded (Node only: fetch-body-decoder.ts), as a bounded read drives it. */
export interface PrefixDecoder {
  /** Feed encoded bytes; resolves once taken, rejects when they cannot be decoded. */
  write(chunk: Uint8Array): Promise<void>;
  /** The encoded body ended: resolves once decoding ended (or stopped). */
  end(): Promise<void>;
  /** True once more decoded bytes than wanted came out. */
  readonly stopped: boolean;
  /** Every decoded byte so far. */
  take(): Uint8Array;
  /** Stop decoding and free its memory. */
  destroy(): void;
}

/** The start of a body as a bounded read got it: its decoded bytes, and whether the body ended within them. */
export interface BodyPrefix {
  /** The bytes, joined on demand (a read that only needs to know the limit was passed never copies them). */
  bytes(): Uint8Array;
  /** False when more than `stopAfterBytes` decoded bytes arrived: the reader was cancelled, the rest is unread. */
  readonly complete: boolean;
}

/** How far to read: the decoder for a body the transport decodes itself, and the byte counts that stop it. */
export interface PrefixLimits {
  readonly decoder: PrefixDecoder | undefined;
  /**
   * Feeds `decoder` one chunk, the body's encoded bytes now numbering `encodedBytes`, raced against the exchange
   * and bounded by the encoded limit (decoding-fetch-response.ts: Node only, so a browser bundle carries none).
   */
  readonly decode?: ((chunk: Uint8Array, encodedBytes: number) => Promise<void>) | undefined;
  readonly stopAfterBytes: number;
  /** The response's byte limit, which a too-large error names. */
  readonly limitBytes: number;
}

/**
 * Read `body` until more than `stopAfterBytes` decoded bytes arrived (then cancel the reader: the caller ends the
 * exchange, which drops the connection) or the body ended. A body still coded goes through the streaming
 * decoder, which stops at the same count, so a gzip bomb is never decoded much past it. Every wait is raced
 * against the exchange's deadline and abort.
 */
export async function readBodyPrefix(
  body: ReadableStream<Uint8Array>,
  exchange: FetchExchange,
  limits: PrefixLimits,
): Promise<BodyPrefix> {
  const { decoder, stopAfterBytes } = limits;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await exchange.race(reader.read());
      if (done) {
        if (decoder !== undefined) await exchange.race(decoder.end());
        break;
      }
      length += value.byteLength;
      if (decoder === undefined) chunks.push(value);
      else await limits.decode!(value, length);
      if (decoder === undefined ? length > stopAfterBytes : decoder.stopped) break;
    }
  } catch (error) {
    decoder?.destroy();
    // Not awaited: a reader stuck inside the platform may never settle its cancel either.
    reader.cancel(error).catch(() => undefined);
    throw error;
  }
  const complete = decoder === undefined ? length <= stopAfterBytes : !decoder.stopped;
  if (!complete) reader.cancel().catch(() => undefined);
  return { bytes: () => (decoder === undefined ? concat(chunks, length) : decoder.take()), complete };
}

/** `chunks` as one array (the only chunk itself, without a copy). */
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
