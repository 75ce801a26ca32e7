import { createSecureServer, type Http2SecureServer, type ServerHttp2Stream } from 'node:http2';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import { Server as NetServer, type Server, type Socket } from 'node:net';
import type { TlsFixture } from './tls-fixture.js';

/** A loopback TLS server that counts TCP connections and closes every socket on `close()`. */
export interface CountingServer {
  readonly origin: string;
  readonly port: number;
  connections: number;
  /** Sockets still open. */
  readonly open: Set<Socket>;
  close(): Promise<void>;
}

async function listen(server: Server | Http2SecureServer, scheme: string): Promise<CountingServer> {
  const open = new Set<Socket>();
  const state = { connections: 0 };
  server.on('connection', (socket: Socket) => {
    state.connections += 1;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return Object.assign(state, {
    origin: `${scheme}://127.0.0.1:${port}`,
    port,
    open,
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

/** An HTTPS server answering every request with `body` (JSON), with the fixture's CA-signed leaf by default. */
export function startHttpsServer(
  fixture: TlsFixture,
  body: unknown,
  options: ServerOptions = {},
  onRequest?: (url: string) => { status: number; headers: Record<string, string> } | undefined,
): Promise<CountingServer> {
  const server = createHttpsServer(
    { key: fixture.key, cert: fixture.cert, ...options },
    (request, response) => {
      const answer = onRequest?.(request.url ?? '');
      if (answer) return response.writeHead(answer.status, answer.headers).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    },
  );
  return listen(server, 'https');
}

/** A plain TCP server that accepts and never answers: a TLS handshake to it stalls. */
export function startSilentServer(): Promise<CountingServer> {
  // Reading (and dropping) the ClientHello lets the server see the client's FIN when it gives up.
  return listen(new NetServer((socket) => socket.resume()), 'https');
}

/** An HTTP/2 server whose streams `onStream` answers (by default: `{"h2":true}` after 150 ms), counting sessions. */
export async function startHttp2Server(
  fixture: TlsFixture,
  onStream: (stream: ServerHttp2Stream, path: string) => void = answerLater,
): Promise<CountingServer & { sessions: number }> {
  const server = createSecureServer({ key: fixture.key, cert: fixture.cert });
  server.on('stream', (stream, headers) => {
    // A stream the test closes with an error code emits it on the server side too.
    stream.on('error', () => {});
    onStream(stream, String(headers[':path']));
  });
  const counting = await listen(server, 'https');
  const state = Object.assign(counting, { sessions: 0 });
  server.on('session', () => {
    state.sessions += 1;
  });
  return state;
}

function answerLater(stream: ServerHttp2Stream): void {
  setTimeout(() => {
    if (stream.destroyed) return;
    stream.respond({ ':status': 200, 'content-type': 'application/json' });
    stream.end('{"h2":true}');
  }, 150);
}
