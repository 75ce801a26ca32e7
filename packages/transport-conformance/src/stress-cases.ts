import { once } from 'node:events';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { isTimeoutError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';

/** A raw server for hostile peers: `/drip` sends a byte every 50 ms forever, `/upload` never reads a byte. */
interface HostileServer {
  readonly origin: string;
  /** Sockets still open on the server side that carried a request. */
  requestSocketsOpen(): number;
  /** Requests whose first bytes arrived. */
  requestsSeen(): number;
  /** Start reading (and dropping) what the paused upload sockets hold, so a client's close becomes visible. */
  drainUploads(): void;
  close(): Promise<void>;
}

async function startHostileServer(): Promise<HostileServer> {
  const carriedRequest = new Set<Socket>();
  const all = new Set<Socket>();
  const uploads = new Set<Socket>();
  let seen = 0;
  const server: Server = createServer((socket) => {
    all.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      all.delete(socket);
      carriedRequest.delete(socket);
    });
    socket.once('data', (chunk: Buffer) => {
      seen++;
      carriedRequest.add(socket);
      if (chunk.toString('latin1').startsWith('POST /upload')) {
        // Never read the body: the client's writes fill the socket buffers and stall.
        socket.pause();
        uploads.add(socket);
        return;
      }
      socket.resume();
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 1000000\r\n\r\n');
      const drip = setInterval(() => socket.write('x'), 50);
      socket.on('close', () => clearInterval(drip));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requestSocketsOpen: () => carriedRequest.size,
    requestsSeen: () => seen,
    drainUploads: () => {
      for (const socket of uploads) socket.resume();
    },
    close: async () => {
      for (const socket of all) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Round 3 of the audit: hostile peers at scale. Many slowloris responses in flight at once each fail at their
 * own deadline in the body phase and give their connection back to the server (closed, not kept); a server that
 * never reads a large request body cannot stretch the deadline; deadlines past what a timer holds are capped.
 */
export function registerStressCases(harness: ConformanceHarness): void {
  describe('hostile peers at scale', () => {
    let server: HostileServer;
    let transport: Transport;
    beforeAll(async () => {
      server = await startHostileServer();
      transport = await harness.open();
    });
    afterAll(async () => {
      await transport.close();
      await server.close();
    });

    test('60 concurrent slowloris bodies all fail with TimeoutError phase body and their sockets close', async () => {
      const outcomes = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          harness
            .send({ url: `${server.origin}/drip/${index}`, timeoutMs: 800 }, transport)
            .then((response) => response.text())
            .then(
              () => 'resolved',
              (error: unknown) => (isTimeoutError(error) ? `timeout/${error.phase}` : String(error)),
            ),
        ),
      );
      expect(new Set(outcomes)).toEqual(new Set(['timeout/body']));
      expect(await eventually(() => server.requestSocketsOpen() === 0, 5000)).toBe(true);
    }, 20_000);

    test('a 10 MB POST to a server that never reads it fails at the deadline and closes its socket', async () => {
      const before = server.requestsSeen();
      const body = new Uint8Array(10 * 1024 * 1024);
      const error = await harness
        .send({ method: 'POST', url: `${server.origin}/upload`, body, timeoutMs: 800 }, transport)
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      expect(isTimeoutError(error)).toBe(true);
      expect(server.requestsSeen()).toBe(before + 1);
      // A paused socket never sees the client's FIN: read what it holds, then the end (if the client closed).
      server.drainUploads();
      expect(await eventually(() => server.requestSocketsOpen() === 0, 5000)).toBe(true);
    }, 20_000);
  });

  test('a timeoutMs past the timer limit (2^31 ms and more) is capped, never fired at once', async () => {
    const origin = harness.servers().http;
    for (const timeoutMs of [2 ** 31 - 1, 2 ** 31, 1e12, Number.MAX_SAFE_INTEGER]) {
      const response = await harness.send({ url: `${origin}/json`, timeoutMs });
      expect(response.status).toBe(200);
      await response.text();
    }
  });
}
