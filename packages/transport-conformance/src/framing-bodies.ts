import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

/**
 * Text that compresses poorly (a seeded pseudo-random sequence of short words), so `bytes` of it stays large on
 * the wire once compressed: the faults in issues 12, 17 and 18 need more than 64-82 KiB of compressed body.
 */
export function incompressibleText(bytes: number, seed = 1): string {
  let state = seed >>> 0 || 1;
  const parts: string[] = [];
  let length = 0;
  while (length < bytes) {
    // xorshift32: fast, deterministic, good enough to defeat deflate's dictionary.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const word = (state >>> 0).toString(36);
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ').slice(0, bytes);
}

/** The content codings the framing cases exercise. */
export type FramingCoding = 'gzip' | 'deflate' | 'br';

/** `text` encoded with `coding`. */
export function encodeBody(text: string, coding: FramingCoding): Buffer {
  const raw = Buffer.from(text);
  if (coding === 'gzip') return gzipSync(raw);
  if (coding === 'deflate') return deflateSync(raw);
  return brotliCompressSync(raw);
}

/** A copy of `bytes` with the byte at `position` (a fraction of the length) inverted. */
export function flipByte(bytes: Buffer, position: number): Buffer {
  const copy = Buffer.from(bytes);
  const index = Math.min(copy.length - 1, Math.floor(copy.length * position));
  copy[index] = copy[index]! ^ 0xff;
  return copy;
}

/** The head of a response, lines joined with CRLF and ended by the blank line. */
export function responseHead(status: string, headers: readonly string[]): Buffer {
  return Buffer.from(`HTTP/1.1 ${status}\r\n${headers.map((line) => `${line}\r\n`).join('')}\r\n`, 'latin1');
}
