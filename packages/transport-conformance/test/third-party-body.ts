import type { IncomingMessage } from 'node:http';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import { ResponseParseError, type ResponseTooLargeError } from '@meta/errors';
import { type CodingContext, type ContentCoding, parseContentCodings } from '@meta/transport/adapter';

/** Bytes appended into one growing buffer: memory stays within a small factor of the body, whatever the chunking. */
export class ByteBuffer {
  #bytes = new Uint8Array(1024);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  append(chunk: Uint8Array): void {
    if (this.#length + chunk.byteLength > this.#bytes.byteLength) {
      const grown = new Uint8Array(Math.max(this.#bytes.byteLength * 2, this.#length + chunk.byteLength));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(chunk, this.#length);
    this.#length += chunk.byteLength;
  }

  toBytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#length);
  }
}

/** What reading one body needs from its exchange. */
export interface BodySource {
  readonly message: IncomingMessage;
  readonly limitBytes: number;
  readonly coding: CodingContext;
  tooLarge(): ResponseTooLargeError;
}

/** Read every byte of `message`, failing once more than `limit` arrived (the caller destroys the socket). */
export function readRaw(message: IncomingMessage, limit: number, tooLarge: () => Error): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const buffer = new ByteBuffer();
    message.on('data', (chunk: Buffer) => {
      buffer.append(chunk);
      if (buffer.length > limit) reject(tooLarge());
    });
    // A body cut short (a chunked body without its last chunk, the server closing) ends incomplete.
    message.on('end', () =>
      message.complete
        ? resolve(buffer.toBytes())
        : reject(Object.assign(new Error('the server closed during the body'), { code: 'ECONNRESET' })),
    );
    message.on('error', reject);
    message.on('aborted', () =>
      reject(Object.assign(new Error('the server closed during the body'), { code: 'ECONNRESET' })),
    );
  });
}

function decodeOnce(coding: ContentCoding, input: Uint8Array, limitBytes: number): Promise<Uint8Array> {
  const options = { maxOutputLength: Math.max(1, Math.min(limitBytes + 1, 2 ** 32)) };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, output: Uint8Array) => (error ? reject(error) : resolve(output));
    if (coding === 'gzip') gunzip(input, options, done);
    else if (coding === 'br') brotliDecompress(input, options, done);
    else if (input.length >= 2 && (input[0]! & 0x0f) === 8 && ((input[0]! << 8) | input[1]!) % 31 === 0) {
      inflate(input, options, done);
    } else inflateRaw(input, options, done);
  });
}

/** Undo the content codings of `raw`, in reverse: a corrupt or cut stream is a `ResponseParseError`. */
export async function decodeRaw(
  raw: Uint8Array,
  source: BodySource,
  transfer: { readonly codings: readonly ContentCoding[] },
): Promise<Uint8Array> {
  // Transfer codings were applied after the content codings, so they are undone first (listed last).
  // An empty body is never decoded (see the loop): its codings (a 204's, say) are not checked either.
  if (raw.byteLength === 0) return raw;
  const codings = [
    ...parseContentCodings(source.message.headers['content-encoding'], source.coding),
    ...transfer.codings,
  ];
  let bytes = raw;
  for (let index = codings.length - 1; index >= 0 && bytes.byteLength > 0; index--) {
    try {
      bytes = await decodeOnce(codings[index]!, bytes, source.limitBytes);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw source.tooLarge();
      const { method, url, statusCode, redactor } = source.coding;
      throw new ResponseParseError({
        message: 'the response body could not be decoded',
        ...{ method, url, statusCode, cause: error },
        ...(redactor ? { redactor } : {}),
      });
    }
  }
  if (bytes.byteLength > source.limitBytes) throw source.tooLarge();
  return bytes;
}
