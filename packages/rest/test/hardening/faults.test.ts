import type { Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import {
  isNetworkError,
  isResponseParseError,
  isResponseTooLargeError,
  isTimeoutError,
  type NetworkError,
  type TimeoutError,
} from '@meta/errors';
import { describe, expect, test } from 'vitest';
import { rejectionOf, TRANSPORT_KINDS } from './clients.js';
import {
  drip,
  refusedPort,
  resetSocket,
  respond,
  respondJson,
  responseHead,
  startFaultServer,
  streamForever,
} from './fault-server.js';
import { useFaultSuite } from './fault-suite.js';

const suite = useFaultSuite('graceful');
const { clientFor } = suite;

function onceClosed(socket: Socket): Promise<void> {
  return socket.destroyed
    ? Promise.resolve()
    : new Promise((resolve) => socket.once('close', () => resolve()));
}

/** Peak growth of heap plus array buffers while `work` runs, sampled every 5 ms. */
async function peakMemoryGrowth(work: () => Promise<unknown>): Promise<number> {
  const used = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const baseline = used();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
  }, 5);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, used()) - baseline;
}

// 16 MiB of zeros compress to about 16 KiB; gzip members concatenate, so 64 copies decode to 1 GiB.
const BOMB_MEMBER = gzipSync(Buffer.alloc(16 * 1024 * 1024));
const BOMB = Buffer.concat(Array.from({ length: 64 }, () => BOMB_MEMBER));

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('a refused GET is retried after the short network backoff, then throws NetworkError ECONNREFUSED', async () => {
    const port = await refusedPort();
    // random() = 1 picks the top of each full-jitter window: min(2000, 250 × 2^(attempt-1)), not retryWait.
    const { rest, sleeps } = clientFor(kind, { baseUrl: `http://127.0.0.1:${port}/api`, random: () => 1 });
    const error = (await rejectionOf(rest.get('/x'))) as NetworkError;
    expect(isNetworkError(error)).toBe(true);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.message).toContain(`GET http://127.0.0.1:${port}/api/v1/x`);
    expect(sleeps).toEqual([250, 500]);
  });

  test('a refused POST is not retried', async () => {
    const port = await refusedPort();
    const { rest, sleeps } = clientFor(kind, { baseUrl: `http://127.0.0.1:${port}/api` });
    const error = (await rejectionOf(rest.post('/x', { a: 1 }))) as NetworkError;
    expect(error.code).toBe('ECONNREFUSED');
    expect(sleeps).toEqual([]);
  });

  test('a reset right after accept is retried for GET: three connections, then NetworkError ECONNRESET', async () => {
    suite.server.onConnection = resetSocket;
    const { rest } = clientFor(kind);
    const error = (await rejectionOf(rest.get('/x'))) as NetworkError;
    expect(isNetworkError(error)).toBe(true);
    expect(error.code).toBe('ECONNRESET');
    expect(error.beforeResponse).toBe(true);
    expect(suite.server.connections).toBe(3);
  });

  test('a reset right after accept never duplicates a POST', async () => {
    suite.server.onConnection = resetSocket;
    const { rest } = clientFor(kind);
    expect(await rejectionOf(rest.post('/x', { a: 1 }))).toSatisfy(isNetworkError);
    expect(suite.server.connections).toBe(1);
  });

  test('a reset after the headers is a NetworkError and is not retried, even for GET', async () => {
    suite.server.fault = (_request, socket) => {
      socket.write(responseHead(200, { 'content-type': 'application/json', 'content-length': 100 }));
      // Reset once the client has had time to read the headers (an early RST could discard them unread).
      setTimeout(() => resetSocket(socket), 200);
    };
    const { rest, sleeps } = clientFor(kind);
    const error = (await rejectionOf(rest.get('/x'))) as NetworkError;
    expect(isNetworkError(error)).toBe(true);
    expect(error.beforeResponse).toBe(false);
    expect(suite.server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('a reset in the middle of the body is a NetworkError and is not retried', async () => {
    suite.server.fault = (_request, socket) => {
      socket.write(responseHead(200, { 'content-type': 'application/json', 'content-length': 100 }));
      socket.write('{"partial": "');
      setTimeout(() => resetSocket(socket), 200);
    };
    const { rest } = clientFor(kind);
    expect(await rejectionOf(rest.get('/x'))).toSatisfy(isNetworkError);
    expect(suite.server.requests).toHaveLength(1);
  });

  test('fewer bytes than Content-Length, then FIN, is a NetworkError, never a truncated result', async () => {
    suite.server.fault = (_request, socket) => {
      socket.end(`${responseHead(200, { 'content-type': 'text/plain', 'content-length': 100 })}only ten b`);
    };
    const { rest } = clientFor(kind);
    expect(await rejectionOf(rest.get('/x'))).toSatisfy(isNetworkError);
    expect(suite.server.requests).toHaveLength(1);
  });

  test('a server that stalls before the headers times out in phase "headers"; GET is retried once', async () => {
    suite.server.fault = () => {};
    const { rest } = clientFor(kind, { retry: 1, timeoutMs: 600 });
    const error = (await rejectionOf(rest.get('/x'))) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error.phase).toBe('headers');
    expect(suite.server.requests).toHaveLength(2);
  });

  test('a server that stalls before the headers never sees a POST twice', async () => {
    suite.server.fault = () => {};
    const { rest } = clientFor(kind, { retry: 3, timeoutMs: 600 });
    expect(await rejectionOf(rest.post('/x', { a: 1 }))).toSatisfy(isTimeoutError);
    expect(suite.server.requests).toHaveLength(1);
  });

  test('headers dripped one byte at a time (slowloris) cannot outlast timeoutMs: it is a deadline', async () => {
    suite.server.fault = (_request, socket) =>
      drip(socket, `${responseHead(200, { 'content-length': 2, 'x-padding': 'p'.repeat(200) })}{}`, 10);
    const { rest } = clientFor(kind, { retry: 0, timeoutMs: 600 });
    const error = (await rejectionOf(rest.get('/x'))) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error.phase).toBe('headers');
    expect(suite.server.requests).toHaveLength(1);
  });

  test('a body that stalls times out in phase "body" and is not retried', async () => {
    suite.server.fault = (_request, socket) => {
      socket.write(
        `${responseHead(200, { 'content-type': 'application/json', 'content-length': 100 })}{"a":`,
      );
    };
    const { rest } = clientFor(kind, { timeoutMs: 600 });
    const error = (await rejectionOf(rest.get('/x'))) as TimeoutError;
    expect(isTimeoutError(error)).toBe(true);
    expect(error.phase).toBe('body');
    expect(suite.server.requests).toHaveLength(1);
  });

  test.each([
    ['a non-numeric status', 'HTTP/1.1 abc OK'],
    ['a line that is not HTTP', 'SMTP ready'],
    ['a four-digit status', 'HTTP/1.1 2000 OK'],
  ])('a malformed status line (%s) is a NetworkError, sent once', async (_name, statusLine) => {
    suite.server.fault = (_request, socket) => socket.end(`${statusLine}\r\ncontent-length: 2\r\n\r\n{}`);
    const { rest } = clientFor(kind);
    const error = (await rejectionOf(rest.get('/x'))) as NetworkError;
    expect(isNetworkError(error)).toBe(true);
    expect(suite.server.requests).toHaveLength(1);
  });

  test.each([
    ['Content-Length with Transfer-Encoding', 'content-length: 2\r\ntransfer-encoding: chunked'],
    ['two different Content-Lengths', 'content-length: 2\r\ncontent-length: 3'],
  ])(
    'conflicting framing (%s) is a NetworkError, sent once even for GET (the status line arrived)',
    async (_name, framing) => {
      suite.server.fault = (_request, socket) =>
        socket.end(`HTTP/1.1 200 OK\r\n${framing}\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
      const { rest } = clientFor(kind);
      expect(await rejectionOf(rest.get('/x'))).toSatisfy(isNetworkError);
      expect(suite.server.requests).toHaveLength(1);
    },
  );

  test('an endless chunked body stops at maxResponseBytes with ResponseTooLargeError and the socket closes', async () => {
    let served: Socket | undefined;
    suite.server.fault = (_request, socket) => {
      served = socket;
      socket.write(responseHead(200, { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' }));
      streamForever(socket, Buffer.alloc(64 * 1024, 120), suite.server, true);
    };
    const { rest } = clientFor(kind, { maxResponseBytes: 1024 * 1024, timeoutMs: 20_000 });
    const growth = await peakMemoryGrowth(async () => {
      expect(await rejectionOf(rest.get('/x'))).toSatisfy(isResponseTooLargeError);
    });
    await onceClosed(served!);
    expect(suite.server.requests).toHaveLength(1);
    expect(suite.server.bytesWritten).toBeLessThan(64 * 1024 * 1024);
    expect(growth).toBeLessThan(256 * 1024 * 1024);
  });

  test('a gzip bomb (1 GiB decoded) stops at maxResponseBytes with bounded memory', async () => {
    suite.server.fault = (_request, socket) => {
      socket.write(
        responseHead(200, {
          'content-type': 'application/json',
          'content-encoding': 'gzip',
          'content-length': BOMB.length,
        }),
      );
      socket.write(BOMB);
    };
    const { rest } = clientFor(kind, { maxResponseBytes: 8 * 1024 * 1024, timeoutMs: 20_000 });
    const growth = await peakMemoryGrowth(async () => {
      expect(await rejectionOf(rest.get('/x'))).toSatisfy(isResponseTooLargeError);
    });
    expect(growth).toBeLessThan(256 * 1024 * 1024);
    expect(suite.server.requests).toHaveLength(1);
  });

  test.each([
    ['six codings', 'gzip, gzip, gzip, gzip, gzip, gzip'],
    ['an unknown coding', 'compress'],
  ])('a response with %s is a ResponseParseError', async (_name, coding) => {
    suite.server.fault = (_request, socket) =>
      respond(socket, 200, { 'content-type': 'application/json', 'content-encoding': coding }, 'xx');
    const { rest } = clientFor(kind);
    expect(await rejectionOf(rest.get('/x'))).toSatisfy(isResponseParseError);
    expect(suite.server.requests).toHaveLength(1);
  });

  test('a keep-alive socket the server drops at the reuse moment: GET retries on a fresh one and succeeds', async () => {
    // A server of its own: the fetch transport's global pool must not hold sockets from other tests.
    const fresh = await startFaultServer();
    try {
      fresh.fault = (request, socket) => {
        if (request.indexOnConnection > 1) socket.destroy();
        else respondJson(socket, 200, { n: fresh.requests.length });
      };
      const { rest } = clientFor(kind, { baseUrl: `${fresh.origin}/api` });
      await expect(rest.get('/first')).resolves.toEqual({ n: 1 });
      await new Promise((resolve) => setTimeout(resolve, 20));
      await expect(rest.get('/second')).resolves.toEqual({ n: 3 });
      expect(fresh.requests.map((request) => request.connection)).toEqual([1, 1, 2]);
    } finally {
      await fresh.close();
    }
  });

  test('a keep-alive socket the server drops at the reuse moment never duplicates a POST', async () => {
    const fresh = await startFaultServer();
    try {
      fresh.fault = (request, socket) => {
        if (request.indexOnConnection > 1) socket.destroy();
        else respondJson(socket, 200, {});
      };
      const { rest } = clientFor(kind, { baseUrl: `${fresh.origin}/api` });
      await rest.get('/first');
      await new Promise((resolve) => setTimeout(resolve, 20));
      const error = (await rejectionOf(rest.post('/create', { a: 1 }))) as NetworkError;
      expect(isNetworkError(error)).toBe(true);
      expect(fresh.requests.map((request) => [request.method, request.connection])).toEqual([
        ['GET', 1],
        ['POST', 1],
      ]);
    } finally {
      await fresh.close();
    }
  });
});
