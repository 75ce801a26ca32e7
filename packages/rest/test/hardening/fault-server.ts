import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';

/** One request head (and body) as the fault server parsed it off the wire. */
export interface RawRequest {
  readonly method: string;
  readonly path: string;
  /** Lowercase header names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Which accepted connection carried it (1-based), to tell reused sockets from fresh ones. */
  readonly connection: number;
  /** The 1-based index of this request on its connection. */
  readonly indexOnConnection: number;
}

/** What a test tells the server to do with one parsed request: write, stall, reset... on the raw socket. */
export type Fault = (request: RawRequest, socket: Socket, server: FaultServer) => void;

/**
 * A loopback HTTP/1.1 server on raw `net` sockets, so a test can break the protocol anywhere: reset after accept
 * or mid-body, short bodies, stalls, header drip, malformed status lines, conflicting framing, endless bodies.
 * It records every request it parsed and every connection it accepted, and destroys everything on `close()`.
 */
export interface FaultServer {
  readonly origin: string;
  readonly port: number;
  /** Requests parsed, in arrival order. */
  readonly requests: RawRequest[];
  /** Connections accepted. */
  connections: number;
  /** Bytes written by faults that stream (`endlessChunked`, `streamBytes`). */
  bytesWritten: number;
  /** Runs for every parsed request; the default answers `200 {}`. */
  fault: Fault;
  /** When set, runs on accept instead of reading requests (e.g. reset at once). */
  onConnection: ((socket: Socket) => void) | undefined;
  /** Resolves once every socket the server accepted so far has closed. */
  socketsClosed(): Promise<void>;
  /** Forget recorded requests and counters between tests. */
  reset(): void;
  close(): Promise<void>;
}

const HEAD_END = '\r\n\r\n';
/** A request head larger than this is a test bug, not a fault we inject. */
const MAX_HEAD_BYTES = 64 * 1024;

function parseHead(head: string): { method: string; path: string; headers: Record<string, string> } {
  const lines = head.split('\r\n');
  const [method = '', path = ''] = (lines[0] ?? '').split(' ');
  const headers: Record<string, string> = Object.create(null);
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  return { method, path, headers };
}

/** Reads pipelined requests off one socket and hands each to the current fault. */
function serveConnection(socket: Socket, connection: number, server: FaultServer): void {
  let buffered = Buffer.alloc(0);
  let index = 0;
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const headEnd = buffered.indexOf(HEAD_END);
      if (headEnd === -1) {
        if (buffered.length > MAX_HEAD_BYTES) socket.destroy();
        return;
      }
      const head = parseHead(buffered.subarray(0, headEnd).toString('latin1'));
      const length = Number(head.headers['content-length'] ?? 0);
      const bodyStart = headEnd + HEAD_END.length;
      if (buffered.length < bodyStart + length) return;
      const body = buffered.subarray(bodyStart, bodyStart + length).toString('utf8');
      buffered = buffered.subarray(bodyStart + length);
      const request = { ...head, body, connection, indexOnConnection: ++index };
      server.requests.push(request);
      server.fault(request, socket, server);
      if (socket.destroyed) return;
    }
  });
}

/** Start a fault server on 127.0.0.1, port 0. */
export async function startFaultServer(): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  const closedWaiters = new Set<() => void>();
  const net: Server = createServer({ noDelay: true });
  const server: FaultServer = {
    origin: '',
    port: 0,
    requests: [],
    connections: 0,
    bytesWritten: 0,
    fault: (_request, socket) => respond(socket, 200, { 'content-type': 'application/json' }, '{}'),
    onConnection: undefined,
    socketsClosed: () =>
      sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => closedWaiters.add(resolve)),
    reset() {
      server.requests.length = 0;
      server.connections = 0;
      server.bytesWritten = 0;
      server.fault = (_request, socket) => respond(socket, 200, { 'content-type': 'application/json' }, '{}');
      server.onConnection = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        net.close(() => resolve());
      }),
  };
  net.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      if (sockets.size > 0) return;
      for (const waiter of closedWaiters) waiter();
      closedWaiters.clear();
    });
    const connection = ++server.connections;
    if (server.onConnection !== undefined) {
      socket.on('error', () => {});
      server.onConnection(socket);
      return;
    }
    serveConnection(socket, connection, server);
  });
  await new Promise<void>((resolve) => net.listen(0, '127.0.0.1', resolve));
  const { port } = net.address() as AddressInfo;
  return Object.assign(server, { port, origin: `http://127.0.0.1:${port}` });
}

/** The raw bytes of a response head. */
export function responseHead(status: number | string, headers: Record<string, string | number> = {}): string {
  const statusLine = typeof status === 'number' ? `HTTP/1.1 ${status} ${reasonOf(status)}` : status;
  const lines = [statusLine];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  return `${lines.join('\r\n')}${HEAD_END}`;
}

function reasonOf(status: number): string {
  const reasons: Record<number, string> = { 200: 'OK', 301: 'Moved', 429: 'Too Many', 503: 'Unavailable' };
  return reasons[status] ?? 'Status';
}

/** A well-formed keep-alive response. */
export function respond(socket: Socket, status: number, headers: Record<string, string>, body: string): void {
  const bytes = Buffer.from(body);
  socket.write(responseHead(status, { ...headers, 'content-length': bytes.length }));
  socket.write(bytes);
}

/** A JSON response. */
export function respondJson(
  socket: Socket,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  respond(socket, status, { 'content-type': 'application/json', ...headers }, JSON.stringify(body));
}

/** A TCP reset (RST), not a graceful FIN. */
export function resetSocket(socket: Socket): void {
  socket.resetAndDestroy();
}

/** A port nothing listens on: bound, then released, so connecting is refused. */
export async function refusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Write `chunk` again and again, respecting backpressure, until the peer goes away: a body with no end. With
 * `chunked` the chunks are framed with `Transfer-Encoding: chunked`.
 */
export function streamForever(socket: Socket, chunk: Buffer, server: FaultServer, chunked: boolean): void {
  const framed = chunked
    ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')])
    : chunk;
  const pump = (): void => {
    while (!socket.destroyed && socket.writable) {
      server.bytesWritten += framed.length;
      if (!socket.write(framed)) {
        socket.once('drain', pump);
        return;
      }
    }
  };
  pump();
}

/** Write `text` one byte at a time every `intervalMs` (slowloris); stops when the socket closes. */
export function drip(socket: Socket, text: string, intervalMs: number): void {
  let index = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || index >= text.length) {
      clearInterval(timer);
      return;
    }
    socket.write(text[index++]!);
  }, intervalMs);
  socket.once('close', () => clearInterval(timer));
}
