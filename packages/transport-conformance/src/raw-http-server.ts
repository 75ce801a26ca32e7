import { type AddressInfo, createServer, type Socket } from 'node:net';

/** Writes one scripted response on a raw socket; the request (head only) has been read. */
export type RawResponder = (socket: Socket) => void;

/** A TCP server that answers each request path with bytes no HTTP library would produce. */
export interface RawHttpServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Answer `path` with `responder`. */
  route(path: string, responder: RawResponder): void;
  /** Sockets the server still holds open (the client has not closed its side yet). */
  openSockets(): number;
  close(): Promise<void>;
}

/**
 * Answers one request on a raw socket. `request` is the latin1 text read on the connection since the last
 * request: the complete head, its blank line, and any body bytes that arrived in the same chunk.
 */
export type RawReply = (socket: Socket, request: string) => void;

/** How {@link startRawReplyServer} listens and reads. */
export interface RawReplyServerOptions {
  /** The address to listen on (port 0); `127.0.0.1` by default. An IPv6 literal such as `::1` works too. */
  readonly host?: string;
  /**
   * Stop reading a connection once its first request head is complete (later bytes are never handed over).
   * By default every request head on a connection goes to the reply, as a keep-alive client sends them.
   */
  readonly firstRequestOnly?: boolean;
}

/** A raw `net` server whose every request is answered by one reply function. */
export interface RawReplyServer {
  /** `http://<host>:<port>`, the host in brackets when it is an IPv6 literal. */
  readonly origin: string;
  /** Each request as it was handed to the reply (see {@link RawReply}), in arrival order. */
  readonly heads: string[];
  /** Connections accepted so far. */
  connections(): number;
  /** Sockets the server still holds open (the client has not closed its side yet). */
  openSockets(): number;
  /** Destroy every socket the server holds, then stop listening. */
  close(): Promise<void>;
}

/**
 * Start a raw `net` server on port 0 that reads request heads and hands each one, with its socket, to `reply`,
 * which writes whatever bytes it likes (split writes, a bare FIN, a reset, nothing at all, ...).
 */
export async function startRawReplyServer(
  reply: RawReply,
  options: RawReplyServerOptions = {},
): Promise<RawReplyServer> {
  const { host = '127.0.0.1', firstRequestOnly = false } = options;
  const heads: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      if (!buffered.includes('\r\n\r\n')) return;
      if (firstRequestOnly) socket.off('data', onData);
      const request = buffered;
      buffered = '';
      heads.push(request);
      reply(socket, request);
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`,
    heads,
    connections: () => connections,
    openSockets: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Start a raw `net` server on 127.0.0.1, port 0. Each connection reads one request head, looks its path up and
 * hands the socket to the responder, which writes whatever bytes it likes (split writes, a bare FIN, ...).
 */
export async function startRawHttpServer(): Promise<RawHttpServer> {
  const responders = new Map<string, RawResponder>();
  const server = await startRawReplyServer(
    (socket, request) => {
      const path = request.split(' ')[1] ?? '/';
      const responder = responders.get(path);
      if (responder) responder(socket);
      else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    },
    { firstRequestOnly: true },
  );
  return {
    origin: server.origin,
    route: (path, responder) => void responders.set(path, responder),
    openSockets: server.openSockets,
    close: server.close,
  };
}
