import { createServer, type Server, type Socket } from 'node:net';

/** What a raw server saw of one request: the request head and whatever body bytes arrived with it. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  /** Header names lower-cased; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly socket: Socket;
}

/** A hostile HTTP/1.1 server on raw `net` sockets: the handler writes whatever bytes it likes. */
export interface RawServer {
  readonly origin: string;
  readonly port: number;
  readonly requests: SeenRequest[];
  /** Connections accepted so far. */
  connections: number;
  close(): Promise<void>;
}

type RawHandler = (request: SeenRequest, index: number) => void;

function parseHead(text: string, socket: Socket): SeenRequest | undefined {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [requestLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const [method = '', path = ''] = requestLine.split(' ');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  const body = text.slice(end + 4);
  if (Buffer.byteLength(body) < length) return undefined;
  return { method, path, headers, body: body.slice(0, length), socket };
}

/**
 * Starts a raw server on 127.0.0.1, port 0. Each complete request (head plus `Content-Length` body) on a
 * connection is handed to `handler`, which answers by writing to `request.socket`.
 */
export async function startRawServer(handler: RawHandler): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const requests: SeenRequest[] = [];
  const server: Server = createServer((socket) => {
    state.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const request = parseHead(buffered, socket);
      if (request === undefined) return;
      buffered = '';
      requests.push(request);
      handler(request, requests.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const state: RawServer = {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    connections: 0,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

/** A complete HTTP/1.1 response with an exact `Content-Length`. */
export function httpResponse(status: string, headers: Record<string, string> = {}, body = ''): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status}\r\n${lines.join('')}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

/** A port that was just free: nothing listens there, so a connect is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address !== null ? address.port : 0;
}
