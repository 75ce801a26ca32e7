import { createServer, type Server, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { isResponseTooLargeError } from '@meta/errors';
import { readTextPrefix, type TransportResponse } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';

const LIMIT = 1024 * 1024;
/** Most the server writes to one connection: far past the limit, far below what would exhaust the machine. */
const SERVER_BUDGET = 160 * LIMIT;
const DEADLINE_MS = 60_000;

const X_BLOCK = Buffer.alloc(64 * 1024, 'x');
/** Stored (level 0) gzip members of `x` blocks: a valid gzip stream as long on the wire as decoded. */
const GZIP_BLOCK = gzipSync(X_BLOCK, { level: 0 });

interface StreamingServer {
  readonly origin: string;
  /** Bytes written to the latest connection so far. */
  written(): number;
  close(): Promise<void>;
}

/** Answers every request with a close-delimited body of `block` repeated until the budget or the client goes. */
async function startStreamingServer(headers: string, block: Buffer): Promise<StreamingServer> {
  const sockets = new Set<Socket>();
  let written = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.once('data', () => {
      written = 0;
      socket.write(`HTTP/1.1 200 OK\r\n${headers}Connection: close\r\n\r\n`);
      const writeMore = () => {
        while (!socket.destroyed && written < SERVER_BUDGET) {
          written += block.length;
          if (!socket.write(block)) return void socket.once('drain', writeMore);
        }
      };
      writeMore();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    written: () => written,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Wait until the server wrote its whole budget, or stopped making progress (the client applies backpressure). */
async function serverDoneOrStalled(server: StreamingServer): Promise<void> {
  let last = -1;
  while (server.written() !== last && server.written() < SERVER_BUDGET) {
    last = server.written();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const BODIES = [
  { title: 'an identity body', headers: 'Content-Type: text/plain\r\n', block: X_BLOCK },
  {
    title: 'a gzip body',
    headers: 'Content-Type: text/plain\r\nContent-Encoding: gzip\r\n',
    block: GZIP_BLOCK,
  },
] as const;

/**
 * A response the caller holds without reading, while the server streams far more than `maxResponseBytes`: the
 * transport may pause the connection (backpressure), or take the bytes and drop what passes the limit, but it
 * never queues the stream in memory (a hostile server streaming gzip forever to a caller that holds the response
 * would exhaust it). A later whole read fails `ResponseTooLargeError`, a bounded read below the limit still gets
 * its prefix, and one at or above the limit fails too large at once, never waiting for bytes that will not come.
 */
export function registerUnreadBodyCases(harness: ConformanceHarness): void {
  for (const { title, headers, block } of BODIES) {
    describe(`${title} nobody reads while the server streams past maxResponseBytes`, () => {
      let server: StreamingServer;
      beforeAll(async () => {
        server = await startStreamingServer(headers, block);
      });
      afterAll(() => server.close());

      /** Send, let the server stream while the body is held unread, then `read` it; the transport is closed. */
      async function holdThenRead<T>(read: (response: TransportResponse) => Promise<T>): Promise<T> {
        const transport = await harness.open();
        try {
          const response = await harness.send(
            { url: `${server.origin}/endless`, maxResponseBytes: LIMIT, timeoutMs: DEADLINE_MS },
            transport,
          );
          await serverDoneOrStalled(server);
          return await read(response);
        } finally {
          await transport.close();
        }
      }

      test('memory stays near the limit, not what the server sent, and a bounded read gets its prefix', async () => {
        const before = process.memoryUsage();
        let bounded = false;
        const prefix = await holdThenRead(async (response) => {
          const now = process.memoryUsage();
          const growth = now.arrayBuffers + now.heapUsed - (before.arrayBuffers + before.heapUsed);
          // Generous: the limit, socket buffers and garbage not yet collected, far below the 160 MiB sent.
          expect(growth, `grew ${Math.round(growth / LIMIT)} MiB`).toBeLessThan(64 * LIMIT);
          bounded = typeof response.textPrefix === 'function';
          return readTextPrefix(response, 1000);
        }).catch((caught: unknown) => caught);
        // Without textPrefix, readTextPrefix's documented fallback reads the whole body, so it meets the limit.
        if (bounded) expect(prefix).toEqual({ text: 'x'.repeat(1000), truncated: true });
        else expect(isResponseTooLargeError(prefix), String(prefix)).toBe(true);
      }, 120_000);

      test('a whole read fails ResponseTooLargeError', async () => {
        const error = await holdThenRead((response) => response.text()).catch((caught: unknown) => caught);
        expect(isResponseTooLargeError(error), String(error)).toBe(true);
      }, 120_000);

      test('a bounded read of more than the limit fails ResponseTooLargeError at once, not at the deadline', async () => {
        const started = Date.now();
        const error = await holdThenRead((response) => readTextPrefix(response, 2 * LIMIT)).catch(
          (caught: unknown) => caught,
        );
        expect(isResponseTooLargeError(error), String(error)).toBe(true);
        expect(Date.now() - started, 'settled before the deadline').toBeLessThan(DEADLINE_MS);
      }, 120_000);
    });
  }
}
