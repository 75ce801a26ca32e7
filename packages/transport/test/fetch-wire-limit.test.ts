import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { isResponseTooLargeError } from '@meta/errors';
import { createFetchTransport, type TransportResponse } from '@meta/transport';
import { afterEach, expect, test, vi } from 'vitest';

/*
 * Through Node's fetch, an identity body is counted against `maxResponseBytes` by the transport's wire as it
 * arrives, so a whole read uses fetch's own one-shot consumer (`text()`) even without a Content-Length, and is
 * still stopped at the limit with the connection dropped. A bounded read keeps its own, smaller stop.
 */

const LIMIT = 1024 * 1024;
const BLOCK = Buffer.alloc(64 * 1024, 'x');

interface ChunkedServer {
  readonly origin: string;
  /** Body bytes written so far, and whether the client closed the connection. */
  readonly count: { written: number; closed: boolean };
  close(): Promise<void>;
}

/** Answers any request with a chunked body of `totalBytes` (endless when undefined), never ending it otherwise. */
async function startChunkedServer(totalBytes?: number): Promise<ChunkedServer> {
  const sockets = new Set<Socket>();
  const count = { written: 0, closed: false };
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      count.closed = true;
    });
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ntransfer-encoding: chunked\r\n\r\n');
      const writeMore = () => {
        while (!socket.destroyed && (totalBytes === undefined || count.written < totalBytes)) {
          count.written += BLOCK.length;
          const framed = Buffer.concat([
            Buffer.from(`${BLOCK.length.toString(16)}\r\n`),
            BLOCK,
            Buffer.from('\r\n'),
          ]);
          if (!socket.write(framed)) return void socket.once('drain', writeMore);
        }
      };
      writeMore();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function eventually(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
}

/** A GET of `path` on `target` through the fetch transport, with the test's limit and a deadline far away. */
function sendTo(target: ChunkedServer, path: string): Promise<TransportResponse> {
  return createFetchTransport().send({
    method: 'GET',
    url: `${target.origin}${path}`,
    headers: {},
    maxResponseBytes: LIMIT,
    timeoutMs: 30_000,
  });
}

let server: ChunkedServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

test('a whole read of an endless chunked body uses fetch text(), fails too large at the limit and drops the connection', async () => {
  server = await startChunkedServer();
  const text = vi.spyOn(Response.prototype, 'text');
  const response = await sendTo(server, '/endless');
  const error = await response.text().catch((caught: unknown) => caught);
  expect(isResponseTooLargeError(error), String(error)).toBe(true);
  expect(text).toHaveBeenCalledTimes(1);
  const count = server.count;
  expect(await eventually(() => count.closed), 'the client never closed the connection').toBe(true);
  // Generous: the limit plus what sockets and fetch's queue held when the wire stopped it.
  expect(count.written).toBeLessThan(16 * LIMIT);
});

test('a whole read started after more than the limit arrived fails at once with ResponseTooLargeError', async () => {
  server = await startChunkedServer(2 * LIMIT);
  const response = await sendTo(server, '/two-limits');
  const count = server.count;
  expect(await eventually(() => count.written >= 2 * LIMIT)).toBe(true);
  // Let the bytes reach the client's wire before reading.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const error = await response.bytes().catch((caught: unknown) => caught);
  expect(isResponseTooLargeError(error), String(error)).toBe(true);
  expect(await eventually(() => count.closed), 'the client never closed the connection').toBe(true);
});

test('a bounded read below the limit keeps its prefix even when more than the limit already arrived', async () => {
  server = await startChunkedServer(2 * LIMIT);
  const response = await sendTo(server, '/prefix');
  const count = server.count;
  expect(await eventually(() => count.written >= 2 * LIMIT)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const prefix = await response.textPrefix!(1000);
  expect(prefix).toEqual({ text: 'x'.repeat(1000), truncated: true });
});

test('an unread body past the limit is not queued whole, and a bounded read still gets its prefix', async () => {
  server = await startChunkedServer(256 * LIMIT);
  const arrayBuffersBefore = process.memoryUsage().arrayBuffers;
  const response = await sendTo(server, '/unread');
  const count = server.count;
  expect(await eventually(() => count.written >= 256 * LIMIT, 20_000)).toBe(true);
  // Generous: the limit, socket buffers and garbage not yet collected, far below the 256 MB the server sent.
  expect(process.memoryUsage().arrayBuffers - arrayBuffersBefore).toBeLessThan(96 * LIMIT);
  expect(await response.textPrefix!(1000)).toEqual({ text: 'x'.repeat(1000), truncated: true });
});

test('a whole read of an unread body that went past the limit fails too large, never with a cut body', async () => {
  server = await startChunkedServer(4 * LIMIT);
  const response = await sendTo(server, '/cut');
  const count = server.count;
  expect(await eventually(() => count.written >= 4 * LIMIT)).toBe(true);
  await new Promise((resolve) => setTimeout(resolve, 200));
  const error = await response.text().catch((caught: unknown) => caught);
  expect(isResponseTooLargeError(error), String(error)).toBe(true);
});

test('a whole text read of a declared-length body goes through fetch text(), not a copying arrayBuffer()', async () => {
  const body = JSON.stringify({
    name: 'table',
    columns: Array.from({ length: 50 }, (_, index) => `c${index}`),
  });
  const http = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () =>
      socket.end(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      ),
    );
  });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const { port } = http.address() as { port: number };
  try {
    const text = vi.spyOn(Response.prototype, 'text');
    const arrayBuffer = vi.spyOn(Response.prototype, 'arrayBuffer');
    const response = await createFetchTransport().send({
      method: 'GET',
      url: `http://127.0.0.1:${port}/table`,
      headers: {},
    });
    expect(await response.json()).toEqual(JSON.parse(body));
    expect(text).toHaveBeenCalledTimes(1);
    expect(arrayBuffer).not.toHaveBeenCalled();
  } finally {
    await new Promise((resolve) => http.close(resolve));
  }
});
