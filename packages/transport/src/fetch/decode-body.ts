import { ResponseParseError, type ResponseTooLargeError } from '@meta/errors';
import { type CodingContext, type ContentCoding, parseContentCodings } from '../content-codings.js';

/** The part of a `node:zlib` stream the streaming decoder uses. */
export interface ZlibStream {
  write(chunk: Uint8Array, callback: (error?: Error | null) => void): boolean;
  end(): void;
  destroy(): void;
  pipe<Destination extends ZlibStream>(destination: Destination): Destination;
  on(event: 'data', listener: (chunk: Uint8Array) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/** The part of `node:zlib` the decoders use (reached through `process.getBuiltinModule`, never imported). */
export interface ZlibModule {
  createGunzip(): ZlibStream;
  createInflate(): ZlibStream;
  createInflateRaw(): ZlibStream;
  createBrotliDecompress(): ZlibStream;
  gunzip(
    input: Uint8Array,
    options: object,
    callback: (error: Error | null, output: Uint8Array) => void,
  ): void;
  inflate(
    input: Uint8Array,
    options: object,
    callback: (error: Error | null, output: Uint8Array) => void,
  ): void;
  inflateRaw(
    input: Uint8Array,
    options: object,
    callback: (error: Error | null, output: Uint8Array) => void,
  ): void;
  brotliDecompress(
    input: Uint8Array,
    options: object,
    callback: (error: Error | null, output: Uint8Array) => void,
  ): void;
}

type ProcessWithBuiltins = { getBuiltinModule?: (id: string) => unknown; versions?: { node?: string } };

/**
 * `node:zlib` when running in Node (20.16+ has `process.getBuiltinModule`), else `undefined`. Looked up at run
 * time, so bundles for browsers and edge runtimes never see a Node import.
 */
export function nodeZlib(): ZlibModule | undefined {
  const runtime = (globalThis as { process?: ProcessWithBuiltins }).process;
  if (typeof runtime?.versions?.node !== 'string' || typeof runtime.getBuiltinModule !== 'function') {
    return undefined;
  }
  return runtime.getBuiltinModule('node:zlib') as ZlibModule | undefined;
}

/** A zlib stream starts with a CMF/FLG pair whose 16-bit value is a multiple of 31, method 8 (RFC 1950). */
function looksLikeZlibHeader(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && (bytes[0]! & 0x0f) === 8 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0;
}

function decodeOnce(
  zlib: ZlibModule,
  coding: ContentCoding,
  input: Uint8Array,
  limitBytes: number,
): Promise<Uint8Array> {
  // One byte past the limit is enough to know it was crossed; zlib stops there (ERR_BUFFER_TOO_LARGE).
  const options = { maxOutputLength: Math.max(1, Math.min(limitBytes + 1, 2 ** 32)) };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, output: Uint8Array) => (error ? reject(error) : resolve(output));
    if (coding === 'gzip') zlib.gunzip(input, options, done);
    else if (coding === 'br') zlib.brotliDecompress(input, options, done);
    // "deflate" is zlib-wrapped per RFC 9110, but servers send raw deflate too; browsers accept both.
    else if (looksLikeZlibHeader(input)) zlib.inflate(input, options, done);
    else zlib.inflateRaw(input, options, done);
  });
}

/** The typed error for a body zlib could not decode (cut short, corrupt, not the coding it claims). */
export function decodeFailure(error: unknown, context: CodingContext): ResponseParseError {
  return new ResponseParseError({
    message: 'the response body could not be decoded',
    statusCode: context.statusCode,
    method: context.method,
    url: context.url,
    cause: error,
    ...(context.redactor ? { redactor: context.redactor } : {}),
  });
}

/**
 * Decode a body that arrived with `Content-Encoding: contentEncoding` (codings undone in reverse order). Unlike
 * Node's fetch, a stream that is cut short or corrupt anywhere (its end included) fails: zlib's error maps to
 * `ResponseParseError`. More than `limitBytes` decoded bytes is a {@link ResponseTooLargeError}.
 */
export async function decodeBody(
  zlib: ZlibModule,
  encoded: Uint8Array,
  contentEncoding: string,
  context: CodingContext,
  tooLarge: () => ResponseTooLargeError,
  limitBytes: number,
): Promise<Uint8Array> {
  const codings = parseContentCodings(contentEncoding, context);
  let bytes = encoded;
  for (let index = codings.length - 1; index >= 0; index--) {
    // An empty body has nothing to decode (a HEAD-like answer, or a 204 that announced a coding).
    if (bytes.byteLength === 0) break;
    try {
      bytes = await decodeOnce(zlib, codings[index]!, bytes, limitBytes);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw decodeFailure(error, context);
    }
  }
  if (bytes.byteLength > limitBytes) throw tooLarge();
  return bytes;
}
