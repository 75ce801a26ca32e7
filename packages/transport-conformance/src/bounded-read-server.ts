import type { Socket } from 'node:net';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** What the bounded reads keep: a UTF-8 character straddles this boundary in the bodies below. */
export const MAX_BYTES = 64 * 1024;
/** The size of the error pages a server sends (issue 12.7: a 48 MiB 500, downloaded in full on every retry). */
export const BODY_BYTES = 48 * 1024 * 1024;
/** 128 KiB of text whose 3-byte euro sign is bytes 65535-65537 (from 0), so a cut at {@link MAX_BYTES} splits it. */
export const BLOCK = Buffer.from(`${'x'.repeat(MAX_BYTES - 1)}€${'y'.repeat(MAX_BYTES - 3)}`);

/** The server side of one case: body bytes handed to the socket, and whether the socket closed. */
export interface ServerCount {
  written: number;
  closed: boolean;
}

/** Blocks of {@link BLOCK} up to `bytes` in all. */
export function* repeatedBlocks(bytes: number): Generator<Buffer> {
  for (let sent = 0; sent < bytes; sent += BLOCK.length)
    yield BLOCK.subarray(0, Math.min(BLOCK.length, bytes - sent));
}

/** `blocks` framed as chunks, then the last chunk. */
export function* chunkedFraming(blocks: Iterable<Buffer>): Generator<Buffer> {
  for (const block of blocks) {
    yield Buffer.concat([Buffer.from(`${block.length.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
  }
  yield Buffer.from('0\r\n\r\n');
}

/** Counts the bytes that pass through it into the socket. */
function counter(count: ServerCount): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      count.written += chunk.length;
      callback(null, chunk);
    },
  });
}

/**
 * A responder that writes `head`, then the body from `stages` (a source, then transforms) with backpressure,
 * counting the body bytes written; the socket closing (the client gave up) stops it.
 */
export function streamedResponse(
  count: ServerCount,
  head: string,
  source: () => Iterable<Buffer>,
  transforms: () => Transform[] = () => [],
): (socket: Socket) => void {
  return (socket) => {
    socket.once('close', () => {
      count.closed = true;
    });
    socket.write(`HTTP/1.1 500 Internal Server Error\r\n${head}\r\n`);
    const stages = [Readable.from(source()), ...transforms(), counter(count), socket] as const;
    pipeline(stages).catch(() => socket.destroy());
  };
}

/** The first {@link MAX_BYTES} bytes of `body` cut back to a character boundary, as text: what a bounded read returns. */
export function expectedPrefix(body: Buffer): string {
  let cut = MAX_BYTES;
  while ((body[cut]! & 0xc0) === 0x80) cut--;
  return body.subarray(0, cut).toString('utf8');
}
