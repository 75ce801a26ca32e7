import { type CodingContext, type ContentCoding, parseContentCodings } from '../content-codings.js';
import { decodeFailure, type ZlibModule, type ZlibStream } from './decode-body.js';

/** Where a streaming decode is: decoding, stopped past its byte count, ended with the body, or failed. */
type DecoderState = 'decoding' | 'stopped' | 'ended' | 'failed';

function createStream(
  zlib: ZlibModule,
  coding: ContentCoding,
  firstBytes: Uint8Array | undefined,
): ZlibStream {
  if (coding === 'gzip') return zlib.createGunzip();
  if (coding === 'br') return zlib.createBrotliDecompress();
  // "deflate" is zlib-wrapped per RFC 9110, but servers send raw deflate too: the outermost coding is sniffed by
  // its first byte, as the undici transport does (a zlib header has compression method 8 in the low nibble).
  if (firstBytes !== undefined && firstBytes.byteLength > 0 && (firstBytes[0]! & 0x0f) !== 0x08) {
    return zlib.createInflateRaw();
  }
  return zlib.createInflate();
}

/**
 * Decodes a compressed body as it arrives and stops once more than `stopAfterBytes` decoded bytes came out, so a
 * bounded read of a compressed body (a gzip bomb included) never decodes, nor downloads, much past what it keeps.
 * `decodeBody` decodes a whole body in one step instead; both fail with the same `ResponseParseError`.
 */
export class StreamingBodyDecoder {
  readonly #zlib: ZlibModule;
  readonly #codings: readonly ContentCoding[];
  readonly #context: CodingContext;
  readonly #stopAfterBytes: number;
  readonly #streams: ZlibStream[] = [];
  readonly #chunks: Uint8Array[] = [];
  #length = 0;
  #state: DecoderState = 'decoding';
  /** Settles once decoding is over: resolves when it stopped or ended, rejects with the decoding failure. */
  readonly #over: Promise<void>;
  #resolveOver!: () => void;
  #rejectOver!: (error: unknown) => void;

  constructor(zlib: ZlibModule, contentEncoding: string, context: CodingContext, stopAfterBytes: number) {
    this.#zlib = zlib;
    this.#codings = parseContentCodings(contentEncoding, context);
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
    if (this.#state !== 'decoding' || chunk.byteLength === 0) return this.#over.then(() => undefined);
    if (this.#streams.length === 0) this.#build(chunk);
    const written = new Promise<void>((resolve) => {
      this.#streams[0]!.write(chunk, () => resolve());
    });
    return Promise.race([written, this.#over]);
  }

  /** The encoded body ended: resolves once the decoded output ended (or stopped); rejects for a cut stream. */
  end(): Promise<void> {
    if (this.#state === 'decoding') {
      // An empty body has nothing to decode (a HEAD-like answer, or a 204 that announced a coding).
      if (this.#streams.length === 0) this.#finish('ended');
      else this.#streams[0]!.end();
    }
    return this.#over;
  }

  /** Every decoded byte so far (more than `stopAfterBytes` once stopped). */
  take(): Uint8Array {
    const chunks = this.#chunks;
    if (chunks.length === 1) return chunks[0]!;
    const bytes = new Uint8Array(this.#length);
    let offset = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }

  /** Stop decoding and free zlib's memory (after a failure of the exchange or a stop). */
  destroy(): void {
    // Whoever still waits on a write is released; the caller is already failing the read for its own reason.
    if (this.#state === 'decoding') this.#finish('failed');
    for (const stream of this.#streams) stream.destroy();
  }

  #build(firstBytes: Uint8Array): void {
    // Codings are listed in the order applied, so the last one is undone first.
    for (let index = this.#codings.length - 1; index >= 0; index--) {
      const outermost = index === this.#codings.length - 1;
      this.#streams.push(createStream(this.#zlib, this.#codings[index]!, outermost ? firstBytes : undefined));
    }
    for (let index = 0; index < this.#streams.length; index++) {
      const stream = this.#streams[index]!;
      stream.on('error', (error: Error) => this.#fail(error));
      const next = this.#streams[index + 1];
      if (next !== undefined) stream.pipe(next);
    }
    const last = this.#streams[this.#streams.length - 1]!;
    last.on('data', (chunk: Uint8Array) => this.#take(chunk));
    last.on('end', () => this.#finish('ended'));
  }

  #take(chunk: Uint8Array): void {
    if (this.#state !== 'decoding') return;
    this.#chunks.push(chunk);
    this.#length += chunk.byteLength;
    if (this.#length <= this.#stopAfterBytes) return;
    this.#finish('stopped');
    for (const stream of this.#streams) stream.destroy();
  }

  #fail(error: Error): void {
    if (this.#state !== 'decoding') return;
    this.#state = 'failed';
    for (const stream of this.#streams) stream.destroy();
    this.#rejectOver(decodeFailure(error, this.#context));
  }

  #finish(state: 'stopped' | 'ended' | 'failed'): void {
    if (this.#state !== 'decoding') return;
    this.#state = state;
    this.#resolveOver();
  }
}
