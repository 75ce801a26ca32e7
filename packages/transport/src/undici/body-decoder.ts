import type { Transform } from 'node:stream';
import type { ContentCoding } from '../content-codings.js';
import { ByteAccumulator } from './byte-accumulator.js';

/** The part of `node:zlib` the decoder uses: its streaming decompressors. */
interface ZlibStreams {
  createGunzip(): Transform;
  createInflate(): Transform;
  createInflateRaw(): Transform;
  createBrotliDecompress(): Transform;
}

type ProcessWithBuiltins = { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } };

/** `node:zlib` once looked up (`null`: not Node). */
let zlibModule: ZlibStreams | null | undefined;

/**
 * `node:zlib` when running in Node (20.16+ has `process.getBuiltinModule`), else `undefined`. Looked up at run
 * time, never imported, so the fetch transport's Node path still bundles for Deno, Bun and edge runtimes; looked
 * up once per process.
 */
export function nodeZlib(): ZlibStreams | undefined {
  if (zlibModule === undefined) {
    const runtime = (globalThis as { process?: ProcessWithBuiltins }).process;
    const usable =
      typeof runtime?.versions?.node === 'string' && typeof runtime.getBuiltinModule === 'function';
    zlibModule = usable
      ? ((runtime.getBuiltinModule!('node:zlib') as ZlibStreams | undefined) ?? null)
      : null;
  }
  return zlibModule ?? undefined;
}

/** Where decoded bytes, the end of the compressed stream and decoding failures go. */
export interface DecodedSink {
  onDecodedData(chunk: Buffer): void;
  onDecodedEnd(): void;
  onDecodeError(error: Error): void;
}

/**
 * Encoded bytes are handed to zlib in batches of at least this many: each zlib write is a job on the thread pool,
 * so feeding it 1-byte chunks one by one costs seconds of CPU for a 100 KB body (issue 18.5).
 */
const FEED_BATCH_BYTES = 16 * 1024;

/**
 * The one streaming decoder for a chain of content codings, used by both real transports in Node: the undici
 * transport (undici's `dispatch` does not decompress) and the fetch transport for the bytes its wire takes away
 * from Node's fetch (fetch/decoding-fetch-response.ts). Output arrives in zlib-sized chunks, so a sink that stops
 * at a byte limit stops a decompression bomb before it allocates much past that limit. A stream cut short or
 * corrupt anywhere, its end included, is a decode error. The compressed stream may end before the HTTP body does
 * (trailing bytes): `finished` turns true and later input is the caller's to discard.
 */
export class BodyDecoder {
  readonly #codings: readonly ContentCoding[];
  readonly #sink: DecodedSink;
  readonly #pending = new ByteAccumulator();
  #first: Transform | undefined;
  #streams: Transform[] = [];
  #stopped = false;
  #finished = false;

  constructor(codings: readonly ContentCoding[], sink: DecodedSink) {
    this.#codings = codings;
    this.#sink = sink;
  }

  /** True once the compressed stream ended (its own end marker), whether or not the HTTP body did. */
  get finished(): boolean {
    return this.#finished;
  }

  /**
   * Feed encoded bytes; they reach zlib in batches. `consumed` runs once zlib took them (at once when they only
   * joined the pending batch), so a reader that waits for it never buffers much ahead of the decoder.
   */
  write(chunk: Buffer, consumed?: () => void): void {
    if (this.#stopped || this.#finished) return;
    this.#pending.append(chunk);
    if (this.#pending.length >= FEED_BATCH_BYTES) this.#feed(consumed);
    else consumed?.();
  }

  /**
   * Feed `chunk` and everything still batched now, and run `consumed` once zlib decoded all of it: the last
   * bytes a body may take (its encoded size limit), so the decoded prefix is whole before the body fails.
   */
  writeLast(chunk: Buffer, consumed: () => void): void {
    if (this.#stopped || this.#finished) return;
    this.#pending.append(chunk);
    this.#feed(consumed);
  }

  /** The encoded body ended: feed what is left and let zlib report the end (or a truncated stream). */
  end(): void {
    if (this.#stopped || this.#finished) return;
    this.#feed(undefined);
    if (this.#first) this.#first.end();
    else this.#sink.onDecodedEnd();
  }

  /** Stop decoding and free zlib's memory (after an error, a cancel or a crossed size limit). */
  destroy(): void {
    this.#stopped = true;
    this.#pending.clear();
    for (const stream of this.#streams) stream.destroy();
  }

  #feed(consumed: (() => void) | undefined): void {
    if (this.#pending.length === 0) {
      consumed?.();
      return;
    }
    const batch = this.#pending.take();
    // The chain is built on the first bytes, so an empty body (HEAD, 204) needs no zlib.
    this.#first ??= this.#build(batch);
    this.#first.write(batch, consumed === undefined ? undefined : () => consumed());
  }

  #build(firstBytes: Buffer): Transform {
    const zlib = nodeZlib()!;
    // Codings are listed in the order applied, so the last one is undone first.
    for (let index = this.#codings.length - 1; index >= 0; index--) {
      const outermost = index === this.#codings.length - 1;
      this.#streams.push(createDecoder(zlib, this.#codings[index]!, outermost ? firstBytes : undefined));
    }
    for (let index = 0; index < this.#streams.length; index++) {
      const stream = this.#streams[index]!;
      stream.on('error', (error: Error) => this.#fail(error));
      const next = this.#streams[index + 1];
      if (next) stream.pipe(next);
    }
    const last = this.#streams[this.#streams.length - 1]!;
    last.on('data', (chunk: Buffer) => {
      if (!this.#stopped) this.#sink.onDecodedData(chunk);
    });
    last.on('end', () => {
      if (this.#stopped) return;
      this.#finished = true;
      this.#pending.clear();
      this.#sink.onDecodedEnd();
    });
    return this.#streams[0]!;
  }

  #fail(error: Error): void {
    if (this.#stopped || this.#finished) return;
    this.destroy();
    this.#sink.onDecodeError(error);
  }
}

function createDecoder(zlib: ZlibStreams, coding: ContentCoding, firstBytes: Buffer | undefined): Transform {
  if (coding === 'gzip') return zlib.createGunzip();
  if (coding === 'br') return zlib.createBrotliDecompress();
  // `deflate` should be zlib-wrapped (RFC 9110), but some servers send raw deflate; browsers accept both, so the
  // outermost coding is sniffed by its first byte (a zlib header has compression method 8 in the low nibble).
  if (firstBytes !== undefined && firstBytes.length > 0 && (firstBytes[0]! & 0x0f) !== 0x08) {
    return zlib.createInflateRaw();
  }
  return zlib.createInflate();
}
