import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import { isNetworkError, isTimeoutError, type NetworkError } from '@meta/errors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';

/** A TCP server that accepts connections and never answers: a TLS handshake against it never completes. */
async function startStalledServer(): Promise<{ server: Server; sockets: Set<Socket>; origin: string }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Read (and drop) the ClientHello, so the client's close is seen as soon as it happens.
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, sockets, origin: `https://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function listening(server: HttpsServer): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`https://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

/**
 * TLS failures a replay cannot fix, and connection attempts that must not outlive their request (SPEC 3.6, 3.8):
 * a stalled handshake is destroyed when the attempt's deadline fires, and a server that requires a client
 * certificate the client does not have is a TLS failure marked not retryable, never a retryable `ECONNRESET`.
 */
export function registerTlsHandshakeCases(harness: ConformanceHarness): void {
  const { resourceCleanup, https, injectedFetch } = harness.notApplicable;
  // An empty group would fail as "no test found"; the reasons are already in the suite title.
  if (injectedFetch || (resourceCleanup && https)) return;
  describe('TLS handshakes', () => {
    let stalled: Awaited<ReturnType<typeof startStalledServer>>;
    let mutual: HttpsServer;
    let mutualOrigin: string;

    beforeAll(async () => {
      stalled = await startStalledServer();
      const { valid, ca } = harness.servers().certificates;
      mutual = createHttpsServer(
        { ...valid, ca, requestCert: true, rejectUnauthorized: true },
        (_request, response) => response.end('ok'),
      );
      mutualOrigin = await listening(mutual);
    });

    afterAll(async () => {
      for (const socket of stalled.sockets) socket.destroy();
      await new Promise((resolve) => stalled.server.close(resolve));
      mutual.closeAllConnections();
      await new Promise((resolve) => mutual.close(resolve));
    });

    if (!harness.notApplicable.resourceCleanup && !harness.notApplicable.injectedFetch) {
      test('a stalled TLS handshake is destroyed when the attempt deadline fires: no socket outlives it', async () => {
        const transport = await harness.open();
        const error = await harness
          .send({ url: `${stalled.origin}/stalled`, timeoutMs: 400 }, transport)
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(isTimeoutError(error), String(error)).toBe(true);
        expect(stalled.sockets.size <= 1).toBe(true);
        // Well before any connect timeout (10 s by default): the socket belongs to an attempt that is over.
        expect(
          await eventually(() => stalled.sockets.size === 0, 1500),
          'the stalled socket outlived its attempt',
        ).toBe(true);
        await transport.close();
      });
    }

    if (!harness.notApplicable.https && !harness.notApplicable.injectedFetch) {
      test('a server requiring a client certificate, none given, is a TLS NetworkError that is not retryable', async () => {
        const error = await harness.send({ url: `${mutualOrigin}/mutual`, timeoutMs: 5000 }).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(isNetworkError(error), String(error)).toBe(true);
        const failure = error as NetworkError;
        expect(failure.code, failure.message).toMatch(/^ERR_(SSL|TLS)_/);
        expect(failure.retryable).toBe(false);
      });
    }
  });
}
