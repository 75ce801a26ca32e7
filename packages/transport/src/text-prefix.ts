import { ConfigError } from '@meta/errors';
import type { TransportResponse, TransportTextPrefix } from './transport.js';

// One decoder for every prefix: TextDecoder keeps no state between non-streaming decode() calls.
const utf8 = new TextDecoder();

/** A UTF-8 continuation byte (`10xxxxxx`): never the first byte of a character. */
function isContinuationByte(byte: number): boolean {
  return (byte & 0xc0) === 0x80;
}

/**
 * Where to cut `bytes` to at most `maxBytes` without splitting a UTF-8 character: the start of the character that
 * does not fit whole. A character is at most 4 bytes, so at most 3 bytes are given back; past that the bytes are
 * not UTF-8 anyway (they decode to U+FFFD wherever the cut falls).
 */
function characterBoundary(bytes: Uint8Array, maxBytes: number): number {
  let cut = maxBytes;
  while (cut > 0 && maxBytes - cut < 3 && isContinuationByte(bytes[cut]!)) cut--;
  return isContinuationByte(bytes[cut]!) ? maxBytes : cut;
}

/**
 * The bounded-read result for body bytes already in hand: the first `maxBytes` bytes (fewer when that would split
 * a UTF-8 character) as text, a leading byte order mark dropped as `text()` drops it, and `truncated` when
 * `bytes` is longer than `maxBytes`. A transport implementing {@link TransportResponse.textPrefix} uses it once it
 * holds more than `maxBytes` decoded bytes (or the whole, shorter body).
 *
 * @example
 * ```ts
 * textPrefixOf(new TextEncoder().encode('naïve'), 3); // { text: 'na', truncated: true }: 'ï' is 2 bytes
 * ```
 */
export function textPrefixOf(bytes: Uint8Array, maxBytes: number): TransportTextPrefix {
  if (bytes.byteLength <= maxBytes) return { text: utf8.decode(bytes), truncated: false };
  return { text: utf8.decode(bytes.subarray(0, characterBoundary(bytes, maxBytes))), truncated: true };
}

/**
 * Check the `maxBytes` of a bounded read: a safe integer >= 0, else a `ConfigError` naming `maxBytes` (thrown
 * before the body is touched).
 */
export function checkMaxBytes(maxBytes: unknown): number {
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new ConfigError('"maxBytes" must be an integer >= 0', { field: 'maxBytes' });
  }
  return maxBytes;
}

/**
 * Read at most `maxBytes` decoded bytes of a response body as text, through the transport's
 * {@link TransportResponse.textPrefix} when it has one: the rest of the body is then never downloaded. A
 * transport written before `textPrefix` existed still works: its body is read whole with `bytes()` (bounded by
 * the request's `maxResponseBytes`, as any read is) and cut here the same way, so the result is identical; only
 * the download is not shortened.
 *
 * @param response - A response whose body was not read yet.
 * @param maxBytes - The most decoded bytes to keep: an integer >= 0.
 * @returns The text and whether the body was longer than `maxBytes`.
 * @throws ConfigError when `maxBytes` is not an integer >= 0; otherwise rejects as `text()` does.
 *
 * @example
 * ```ts
 * const { text, truncated } = await readTextPrefix(response, 256 * 1024);
 * ```
 */
export async function readTextPrefix(
  response: TransportResponse,
  maxBytes: number,
): Promise<TransportTextPrefix> {
  checkMaxBytes(maxBytes);
  if (typeof response.textPrefix === 'function') return response.textPrefix(maxBytes);
  return textPrefixOf(await response.bytes(), maxBytes);
}
