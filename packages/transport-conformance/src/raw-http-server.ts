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
 * Start a raw `net` server on 127.0.0.1, port 0. Each connection reads one request head, looks its path up and
 * hands the socket to the responder, which writes whatever bytes it likes (split writes, a bare FIN, ...).
 */
export async function startRawHttpServer(): Promise<RawHttpServer> {
  const responders = new Map<string, RawResponder>();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      const path = head.split(' ')[1] ?? '/';
      const responder = responders.get(path);
      if (responder) responder(socket);
      else socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    };
    socket.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    route: (path, responder) => void responders.set(path, responder),
    openSockets: () => sockets.size,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
