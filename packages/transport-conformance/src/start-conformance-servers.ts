import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { conformanceHandler, connectionIds, type ServerObservations } from './conformance-routes.js';
import { createTestCertificates, type TestCertificates } from './create-test-certificates.js';

/** The loopback servers the suite talks to; every origin is `http(s)://127.0.0.1:<port>`. */
export interface ConformanceServers {
  readonly certificates: TestCertificates;
  readonly observations: ServerObservations;
  readonly http: string;
  readonly https: string;
  readonly httpsWrongHost: string;
  readonly httpsExpired: string;
  readonly httpsSelfSigned: string;
  /** A raw TCP server that answers with broken HTTP (`/bad-status-line`, `/bad-content-length`). */
  readonly broken: string;
  /** Accepts TCP connections and never writes: a TLS handshake against it never completes. */
  readonly silent: string;
  /** A port nothing listens on. */
  readonly refused: string;
  /** Connections opened to the HTTP server since the servers started. */
  connectionCount(): number;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Answer each request on a raw socket with broken HTTP, chosen by the request path. */
function brokenHttp(socket: Socket): void {
  let received = '';
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('latin1');
    if (!received.includes('\r\n\r\n')) return;
    const path = received.split(' ')[1] ?? '/';
    if (path.startsWith('/bad-content-length')) {
      socket.end('HTTP/1.1 200 OK\r\nContent-Length: nope\r\n\r\n');
    } else {
      socket.end('HTTX/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    }
  });
  socket.on('error', () => undefined);
}

/** Start every conformance server on port 0 and make the test certificates. */
export async function startConformanceServers(): Promise<ConformanceServers> {
  const certificates = createTestCertificates();
  const observations: ServerObservations = { hits: new Map(), abortedWrites: 0 };
  const handler = conformanceHandler(observations);
  const servers: Array<{ server: Server; sockets: Set<Socket> }> = [];
  let connections = 0;
  const track = <T extends Server>(server: T, countConnections = false): T => {
    const sockets = new Set<Socket>();
    server.on('connection', (socket: Socket) => {
      // Only the plain HTTP server numbers its connections (for keep-alive assertions).
      if (countConnections) connectionIds.set(socket, ++connections);
      sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => sockets.delete(socket));
    });
    servers.push({ server, sockets });
    return server;
  };
  const httpServer: HttpServer = track(createHttpServer({ keepAliveTimeout: 30_000 }, handler), true);
  const https = (pair: { key: string; cert: string }) =>
    track(createHttpsServer({ ...pair, keepAliveTimeout: 30_000 }, handler));
  const origins = await Promise.all([
    listen(httpServer),
    listen(https(certificates.valid)),
    listen(https(certificates.wrongHost)),
    listen(https(certificates.expired)),
    listen(https(certificates.selfSigned)),
    listen(track(createNetServer(brokenHttp))),
    listen(track(createNetServer(() => undefined))),
  ]);
  const refusedServer = createNetServer();
  const refusedPort = await listen(refusedServer);
  await new Promise<void>((resolve) => refusedServer.close(() => resolve()));
  const [http, httpsPort, wrongHost, expired, selfSigned, broken, silent] = origins;
  return {
    certificates,
    observations,
    http: `http://127.0.0.1:${http}`,
    https: `https://127.0.0.1:${httpsPort}`,
    httpsWrongHost: `https://127.0.0.1:${wrongHost}`,
    httpsExpired: `https://127.0.0.1:${expired}`,
    httpsSelfSigned: `https://127.0.0.1:${selfSigned}`,
    broken: `http://127.0.0.1:${broken}`,
    silent: `https://127.0.0.1:${silent}`,
    refused: `http://127.0.0.1:${refusedPort}`,
    connectionCount: () => connections,
    close: async () => {
      await Promise.all(servers.map(({ server, sockets }) => closeServer(server, sockets)));
    },
  };
}
