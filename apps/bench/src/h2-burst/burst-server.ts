/**
 * The burst mode's TLS server: the bench's own `http2.createSecureServer({ allowHTTP1: true })` set-up (same
 * route handler, payloads and per-run test CA as `server/server-main.ts`) on 127.0.0.1, port 0, plus what a
 * burst needs to be read honestly: TCP connections and TLS handshakes accepted, how many of those resumed a
 * session, which protocol ALPN picked, requests per protocol, and the process's CPU.
 */
import { createSecureServer, type Http2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { buildPayloads } from '../server/payloads.js';
import { createRouteHandler } from '../server/route-handler.js';
import type { TlsEndpoint } from '../server/start-server.js';
import { generateTestCertificates } from '../server/test-certificates.js';
import { emptyServerCounts, type ServerCounts } from './burst-sample.js';

/** A listening burst server. */
export interface BurstServer {
  readonly endpoint: TlsEndpoint;
  /** The running totals, with the process's CPU read now. */
  counts(): ServerCounts;
  /** Stop listening and drop every open connection. */
  close(): Promise<void>;
}

/**
 * Start the server. `idleCloseMs` > 0 closes connections idle that long: every production server or load balancer
 * does (nginx `keepalive_timeout`, 75 s by default, covers h2 too), and undici 7 closes an idle HTTP/1.1 socket
 * after its `keepAliveTimeout` but keeps an idle HTTP/2 session open indefinitely (undici 8 does not), so
 * without it an h2 client on undici 7 would never have to reconnect.
 */
export async function startBurstServer(idleCloseMs: number): Promise<BurstServer> {
  const certificates = generateTestCertificates();
  const counts: { -readonly [Key in keyof ServerCounts]: number } = emptyServerCounts();
  const server = createSecureServer(
    {
      key: certificates.key,
      cert: certificates.cert,
      allowHTTP1: true,
      settings: { maxConcurrentStreams: 256 },
    },
    createRouteHandler(buildPayloads()),
  );
  const sockets = new Set<TLSSocket>();
  server.on('connection', () => {
    counts.tcpConnections += 1;
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    counts.tlsHandshakes += 1;
    if (socket.isSessionReused()) counts.resumedSessions += 1;
    if (socket.alpnProtocol === 'h2') counts.h2Connections += 1;
    // A GOAWAY for h2 (below), a FIN for HTTP/1.1: both let the client reconnect cleanly.
    else if (idleCloseMs > 0) socket.setTimeout(idleCloseMs, () => socket.end());
  });
  server.on('session', (session: Http2Session) => {
    if (idleCloseMs > 0) session.setTimeout(idleCloseMs, () => session.close());
  });
  server.on('request', (request: { httpVersionMajor: number }) => {
    if (request.httpVersionMajor === 2) counts.h2Requests += 1;
    else counts.http1Requests += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: { origin: `https://127.0.0.1:${port}`, ca: certificates.ca },
    counts() {
      const cpu = process.cpuUsage();
      return { ...counts, cpuMs: (cpu.user + cpu.system) / 1000 };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
