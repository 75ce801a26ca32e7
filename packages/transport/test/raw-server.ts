import { createServer, type Socket } from 'node:net';

// The transport's own copy of the raw reply server: @meta/transport-conformance has one too
// (`startRawReplyServer`), but it sits a layer above this package, and its tests cannot import it.

/** Answers one request on a raw socket; `head` is the request head (latin1) without its closing blank line. */
export type RawReply = (socket: Socket, head: string) => void;

/** A raw `net` server whose every request is answered by one reply function. */
export interface RawServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Every request head handed to the reply, in arrival order. */
  readonly heads: string[];
  /** Connections accepted so far. */
  connections(): number;
  /** Destroy every socket the server holds, then stop listening. */
  close(): Promise<void>;
}

/**
 * Start a raw `net` server on 127.0.0.1, port 0, that hands each request head on a connection (keep-alive ones
 * too) with its socket to `reply`, which writes whatever bytes it likes. Body bytes are not kept.
 */
export async function startRawServer(reply: RawReply): Promise<RawServer> {
  const heads: string[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      heads.push(buffered.slice(0, end));
      buffered = '';
      reply(socket, heads.at(-1) ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    heads,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
