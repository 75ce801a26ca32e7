import { ResponseParseError } from '@meta/errors';
import { type CodingContext, parseContentCodings } from '../content-codings.js';
import { BodyDecoder, type DecodedSink } from '../undici/body-decoder.js';
import { ByteAccumulator } from '../undici/byte-accumulator.js';
import type { PrefixDecoder } from './read-body-prefix.js';

/** Where a decode is: decoding, stopped past its byte count, ended with the body, or failed. */
type DecoderState = 'decoding' | 'stopped' | 'ended' | 'failed';

/**
 * The fetch transport's side of the shared {@link BodyDecoder} (Node only, behind `#fetch-wire`): decodes the
 * bytes the wire took away from Node's fetch as a body reader hands them over, with promises the reader awaits,
 * and stops once more than `stopAfterBytes` decoded bytes came out, so a bounded read of a compressed body (a gzip
 * bomb included) never decodes, nor downloads, much past what it keeps. A stream zlib cannot decode (cut short,
 * corrupt, not the coding it claims) fails with `ResponseParseError`, as on the undici transport.
 */
export class FetchBodyDecoder implements PrefixDecoder, DecodedSink {
  readonly #decoder: BodyDecoder;
  readonly #context: CodingContext;
  readonly #stopAfterBytes: number;
  readonly #decoded = new ByteAccumulator();
  #state: DecoderState = 'decoding';
  /** Settles once decoding is over: resolves when it stopped or ended, rejects with the decoding failure. */
  readonly #over: Promise<void>;
  #resolveOver!: () => void;
  #rejectOver!: (error: unknown) => void;

  constructor(contentEncoding: string, context: CodingContext, stopAfterBytes: number) {
    this.#decoder = new BodyDecoder(parseContentCodings(contentEncoding, context), this);
    this.#context = context;
    this.#stopAfterBytes = stopAfterBytes;
    this.#over = new Promise((resolve, reject) => {
      this.#resolveOver = resolve;
      this.#rejectOver = reject;
    });
    // Awaited by write() and end(); a failure nobody waits for any more must not be an unhandled rejection.
    this.#over.catch(() => undefined);
  }

  /** True once more than `stopAfterBytes` decoded bytes came out: decoding stopped, the rest is not wanted. */
  get stopped(): boolean {
    return this.#state === 'stopped';
  }

  /** Feed encoded bytes; resolves once zlib took them (or decoding is over), rejects when they cannot be decoded. */
  write(chunk: Uint8Array): Promise<void> {
    if (this.#state !== 'decoding' || this.#decoder.finished) return this.#over.then(() => undefined);
    const bytes = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const consumed = new Promise<void>((resolve) => this.#decoder.write(bytes, resolve));
    return Promise.race([consumed, this.#over]);
  }

  /** The encoded body ended: resolves once the decoded output ended (or stopped); rejects for a cut stream. */
  end(): Promise<void> {
    if (this.#state === 'decoding') this.#decoder.end();
    return this.#over;
  }

  /** Every decoded byte so far (more than `stopAfterBytes` once stopped). */
  take(): Uint8Array {
    return this.#decoded.take();
  }

  /** Stop decoding and free zlib's memory (after a failure of the exchange or a stop). */
  destroy(): void {
    // Whoever still waits on a write is released; the caller is already failing the read for its own reason.
    this.#finish('failed');
    this.#decoder.destroy();
  }

  onDecodedData(chunk: Buffer): void {
    if (this.#state !== 'decoding') return;
    this.#decoded.append(chunk);
    if (this.#decoded.length <= this.#stopAfterBytes) return;
    this.#finish('stopped');
    this.#decoder.destroy();
  }

  onDecodedEnd(): void {
    this.#finish('ended');
  }

  onDecodeError(error: Error): void {
    if (this.#state !== 'decoding') return;
    this.#state = 'failed';
    this.#rejectOver(decodeFailure(error, this.#context));
  }

  #finish(state: 'stopped' | 'ended' | 'failed'): void {
    if (this.#state !== 'decoding') return;
    this.#state = state;
    this.#resolveOver();
  }
}

/** The typed error for a body zlib could not decode (cut short, corrupt, not the coding it claims). */
function decodeFailure(error: unknown, context: CodingContext): ResponseParseError {
  return new ResponseParseError({
    message: 'the response body could not be decoded',
    statusCode: context.statusCode,
    method: context.method,
    url: context.url,
    cause: error,
    ...(context.redactor ? { redactor: context.redactor } : {}),
  });
}
