/**
 * The bytes the decoder reads: a Node `Buffer` (what undici and `node:net` hand over), named by the two methods
 * used beyond `Uint8Array`'s, so these declarations type-check without `@types/node` (a browser project's
 * `@meta/rest` types reach this file through `@meta/transport/adapter`).
 */
export interface ChunkBytes extends Uint8Array {
  /** The bytes from `start` to `end` as a string, one character per byte (`Buffer#toString('latin1', ...)`). */
  toString(encoding?: 'latin1', start?: number, end?: number): string;
  /** A view of the bytes from `start` to `end`, sharing memory (`Buffer#subarray`). */
  subarray(start?: number, end?: number): ChunkBytes;
}

/** Where de-chunked bytes go. */
export interface ChunkedSink {
  /** Receives each run of body bytes, a view into the chunk given to `write`. */
  onChunkData(chunk: ChunkBytes): void;
}

/** The longest chunk-size line or trailer line accepted (size, extensions and CRLF). */
const MAX_LINE_BYTES = 4096;
const CR = 0x0d;
const LF = 0x0a;

type ChunkedPhase = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

/**
 * Thrown for a chunked body that is not exactly RFC 9112 section 7.1; the handler maps it to a typed error. Its
 * `code` is `HPE_INVALID_CHUNK_SIZE` for framing that cannot be read, `HPE_INVALID_EOF_STATE` for a body the
 * connection's close cut before its last chunk (the codes the undici transport gives the same faults).
 */
export class ChunkedFramingError extends Error {
  override readonly name = 'ChunkedFramingError';
  readonly code: 'HPE_INVALID_CHUNK_SIZE' | 'HPE_INVALID_EOF_STATE';

  constructor(
    message: string,
    code: 'HPE_INVALID_CHUNK_SIZE' | 'HPE_INVALID_EOF_STATE' = 'HPE_INVALID_CHUNK_SIZE',
  ) {
    super(message);
    this.code = code;
  }
}

/**
 * A strict decoder for the `chunked` transfer coding, for the `Transfer-Encoding` values undici's parser does not
 * recognise although they are valid (`chunked<TAB>`, `chunked,`: RFC 9110 allows whitespace and empty list
 * elements). Lines must end with CRLF: a framing that cannot be read exactly is an error, never passed on as body
 * bytes (issues 17.3, 18.4).
 */
export class ChunkedDecoder {
  readonly #sink: ChunkedSink;
  #phase: ChunkedPhase = 'size';
  #line = '';
  #remaining = 0;

  constructor(sink: ChunkedSink) {
    this.#sink = sink;
  }

  /** True once the last chunk and the trailer section ended. */
  get done(): boolean {
    return this.#phase === 'done';
  }

  /** Decode `chunk`; throws {@link ChunkedFramingError}. Bytes after the end are ignored (the caller drops them). */
  write(chunk: ChunkBytes): void {
    let index = 0;
    while (index < chunk.length && this.#phase !== 'done') {
      if (this.#phase === 'data') {
        const take = Math.min(this.#remaining, chunk.length - index);
        this.#sink.onChunkData(chunk.subarray(index, index + take));
        index += take;
        this.#remaining -= take;
        if (this.#remaining === 0) this.#phase = 'data-end';
        continue;
      }
      const lineEnd = chunk.indexOf(LF, index);
      const end = lineEnd === -1 ? chunk.length : lineEnd;
      this.#line += chunk.toString('latin1', index, end);
      if (this.#line.length > MAX_LINE_BYTES)
        throw new ChunkedFramingError('a chunked framing line is too long');
      if (lineEnd === -1) return;
      index = lineEnd + 1;
      const line = this.#line;
      this.#line = '';
      this.#onLine(line);
    }
  }

  #onLine(line: string): void {
    if (line.charCodeAt(line.length - 1) !== CR) {
      throw new ChunkedFramingError('a chunked framing line ends with a bare LF');
    }
    const content = line.slice(0, -1);
    if (this.#phase === 'data-end') {
      if (content !== '') throw new ChunkedFramingError('a chunk is longer than its size');
      this.#phase = 'size';
    } else if (this.#phase === 'size') {
      this.#onSizeLine(content);
    } else if (content === '') {
      // The empty line that ends the trailer section.
      this.#phase = 'done';
    }
  }

  #onSizeLine(content: string): void {
    const extension = content.indexOf(';');
    const digits = (extension === -1 ? content : content.slice(0, extension)).replace(/[ \t]+$/, '');
    if (!/^[0-9A-Fa-f]{1,12}$/.test(digits)) throw new ChunkedFramingError('a chunk size is not hexadecimal');
    const size = Number.parseInt(digits, 16);
    if (size === 0) {
      this.#phase = 'trailer';
      return;
    }
    this.#remaining = size;
    this.#phase = 'data';
  }
}
