import { type AddressInfo, createServer, type Socket } from 'node:net';

/**
 * Writes one scripted response for a request on a kept-alive connection. Return `'keep'` to read the next request
 * from the same socket afterwards; anything else leaves the socket as the responder left it (stalled, ended...).
 */
export type KeepAliveResponder = (socket: Socket) => 'keep' | undefined;

/** One request as the server saw it: its path and the connection (numbered from 1) it arrived on. */
export interface SeenRequest {
  readonly path: string;
  readonly connection: number;
}

/** A raw TCP server that reads many requests per connection, so a client's reuse of a socket can be observed. */
export interface KeepAliveRawServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  route(path: string, responder: KeepAliveResponder): void;
  /** Every request read so far, oldest first. */
  readonly seen: readonly SeenRequest[];
  /** Connections the server still holds open. */
  openSockets(): number;
  /** The most connections open at one time since the server started. */
  peakSockets(): number;
  close(): Promise<void>;
}

/** The bytes of a 200 with body `ok`, kept alive: the answer every follow-up request expects. */
export const OK_RESPONSE = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok';

/**
 * Start a raw `net` server on 127.0.0.1, port 0 that reads request heads one after another on each connection
 * (requests in these cases carry no body), answers each with its path's responder and records which connection
 * it came on. A client that sends another request on a connection a fault left behind reads what the fault left.
 */
export async function startKeepAliveRawServer(): Promise<KeepAliveRawServer> {
  const responders = new Map<string, { responder: KeepAliveResponder }>();
  const sockets = new Set<Socket>();
  const seen: SeenRequest[] = [];
  let connections = 0;
  let peak = 0;
  const server = createServer((socket) => {
    const connection = ++connections;
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = '';
    let reading = true;
    const next = () => {
      const end = buffered.indexOf('\r\n\r\n');
      if (!reading || end === -1) return;
      const head = buffered.slice(0, end);
      buffered = buffered.slice(end + 4);
      const path = head.split(' ')[1] ?? '/';
      seen.push({ path, connection });
      const entry = responders.get(path);
      if (entry === undefined) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      if (entry.responder(socket) === 'keep') next();
      else reading = false;
    };
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const okResponder: KeepAliveResponder = (socket) => {
    socket.write(OK_RESPONSE);
    return 'keep';
  };
  responders.set('/ok', { responder: okResponder });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    route: (path, responder) => void responders.set(path, { responder }),
    seen,
    openSockets: () => sockets.size,
    peakSockets: () => peak,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
