/**
 * The most slack a compressed stream may need over its decoded size, whatever the coding: zlib's deflateBound is
 * `n + n/4096 + n/16384 + n/2^25 + 13`, a gzip or zlib wrapper adds its header and trailer (a gzip header's
 * optional extra field alone may hold 64 KiB), and brotli's uncompressed meta-blocks cost a few bytes per 16 MiB.
 * Up to five codings may be stacked, so the proportional slack is far above any one coding's.
 */
const ENCODED_SLACK_BYTES = 64 * 1024 + 1024;

/**
 * How many encoded body bytes may arrive for at most `limitBytes` decoded ones. A valid compressed stream is never
 * larger than this for a body within the limit, so more encoded bytes mean a body past `maxResponseBytes` (or
 * padding a client has no reason to hold). The decoded count stays the rule; this bounds what is held or
 * queued before any decoding happens (an unread coded body, a stream of empty gzip members).
 */
export function encodedLimit(limitBytes: number): number {
  return limitBytes + Math.ceil(limitBytes / 64) + ENCODED_SLACK_BYTES;
}
