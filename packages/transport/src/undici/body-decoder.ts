import type { Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import type { ContentCoding } from '../content-codings.js';

/** Where decoded bytes, the end and decoding failures go. */
export interface DecodedSink {
  onDecodedData(chunk: Buffer): void;
  onDecodedEnd(): void;
  onDecodeError(error: Error): void;
}

/**
 * Streaming decoder for a `Content-Encoding` chain (undici's `request` does not decompress). Output arrives in
 * zlib-sized chunks, so a sink that stops at a byte limit stops a decompression bomb before it allocates much past
 * that limit.
 */
export class BodyDecoder {
  readonly #codings: readonly ContentCoding[];
  readonly #sink: DecodedSink;
  #first: Transform | undefined;
  #streams: Transform[] = [];
  #failed = false;

  constructor(codings: readonly ContentCoding[], sink: DecodedSink) {
    this.#codings = codings;
    this.#sink = sink;
  }

  /** Feed encoded bytes. The chain is built on the first chunk, so an empty body (HEAD, 204) needs no zlib. */
  write(chunk: Buffer): void {
    if (this.#failed) return;
    this.#first ??= this.#build(chunk);
    this.#first.write(chunk);
  }

  /** The encoded body ended. */
  end(): void {
    if (this.#failed) return;
    if (this.#first) this.#first.end();
    else this.#sink.onDecodedEnd();
  }

  /** Stop decoding and free zlib's memory (after an error, a cancel or a crossed size limit). */
  destroy(): void {
    this.#failed = true;
    for (const stream of this.#streams) stream.destroy();
  }

  #build(firstChunk: Buffer): Transform {
    // Codings are listed in the order applied, so the last one is undone first.
    for (let index = this.#codings.length - 1; index >= 0; index--) {
      const outermost = index === this.#codings.length - 1;
      this.#streams.push(createDecoder(this.#codings[index]!, outermost ? firstChunk : undefined));
    }
    for (let index = 0; index < this.#streams.length; index++) {
      const stream = this.#streams[index]!;
      stream.on('error', (error: Error) => this.#fail(error));
      const next = this.#streams[index + 1];
      if (next) stream.pipe(next);
    }
    const last = this.#streams[this.#streams.length - 1]!;
    last.on('data', (chunk: Buffer) => {
      if (!this.#failed) this.#sink.onDecodedData(chunk);
    });
    last.on('end', () => {
      if (!this.#failed) this.#sink.onDecodedEnd();
    });
    return this.#streams[0]!;
  }

  #fail(error: Error): void {
    if (this.#failed) return;
    this.destroy();
    this.#sink.onDecodeError(error);
  }
}

function createDecoder(coding: ContentCoding, firstChunk: Buffer | undefined): Transform {
  if (coding === 'gzip') return createGunzip();
  if (coding === 'br') return createBrotliDecompress();
  // `deflate` should be zlib-wrapped (RFC 9110), but some servers send raw deflate; browsers accept both, so the
  // outermost coding is sniffed by its first byte (a zlib header has compression method 8 in the low nibble).
  if (firstChunk !== undefined && firstChunk.length > 0 && (firstChunk[0]! & 0x0f) !== 0x08) {
    return createInflateRaw();
  }
  return createInflate();
}
