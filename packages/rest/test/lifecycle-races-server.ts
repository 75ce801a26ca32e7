import { createServer, type Server, type Socket } from 'node:net';

/**
 * A raw loopback HTTP/1.1 server for the lifecycle race tests: every socket is visible (accepted, open, held), so
 * a test can park a call at an exact point (a connection nobody reads, a request without an answer, a body cut
 * short) and then check that no new connection arrives and that every socket closes. Every answer carries
 * `Connection: close`, so no keep-alive socket outlives its exchange on either transport.
 */
export interface RaceServer {
  readonly origin: string;
  /** Connections accepted since the last `reset()`. */
  readonly connections: number;
  /** The request paths read since the last `reset()`, in order. */
  readonly requests: string[];
  /** Sockets still open on the server side. */
  readonly open: ReadonlySet<Socket>;
  /** Every connection accepted since the last `reset()`, in order. */
  readonly accepted: Socket[];
  /** True when a request was read on `socket`. */
  carriedRequest(socket: Socket): boolean;
  /** Requests to `/hold` (and redirected hops), waiting for `answerHeld()`. */
  readonly held: Socket[];
  /** Exchanges to `/trickle`: status line, headers and part of the body sent, the rest waiting. */
  readonly trickling: Socket[];
  /** Connections accepted but never read, while `stallReads` is on. */
  readonly stalled: Socket[];
  /** When true, new connections are accepted and never read (until `resumeStalled()`). */
  stallReads: boolean;
  /** Answer every held request with 200 `{"ok":"late"}`. */
  answerHeld(): void;
  /** Send the rest of every trickling body. */
  finishTrickles(): void;
  /** Start reading the stalled connections (a `/stall` request is answered at once). */
  resumeStalled(): void;
  reset(): void;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = { 200: 'OK', 302: 'Found', 401: 'Unauthorized', 503: 'Unavailable' };

/** A complete answer, then the end of the socket (`Connection: close`). */
export function respond(socket: Socket, status: number, body: string, headers: Record<string, string> = {}) {
  const lines = [
    `HTTP/1.1 ${status} ${REASONS[status] ?? 'Status'}`,
    'content-type: application/json',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  if (!socket.destroyed) socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

const LATE = '{"ok":"late"}';

export async function startRaceServer(): Promise<RaceServer> {
  let connections = 0;
  const requests: string[] = [];
  const open = new Set<Socket>();
  const accepted: Socket[] = [];
  const withRequest = new WeakSet<Socket>();
  const held: Socket[] = [];
  const trickling: Socket[] = [];
  const stalled: Socket[] = [];
  /** How many times each path was asked for since the last reset (the first 503 or 401, then 200). */
  const seen = new Map<string, number>();

  const route = (path: string, socket: Socket): void => {
    const name = path.split('?')[0]!.split('/').pop()!;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (name === 'hold') {
      held.push(socket);
    } else if (name === 'trickle' || name === 'trickle-503') {
      trickling.push(socket);
      socket.write(
        `HTTP/1.1 ${name === 'trickle' ? '200 OK' : '503 Unavailable'}\r\ncontent-type: application/json\r\n` +
          `content-length: ${LATE.length}\r\nconnection: close\r\n\r\n${LATE.slice(0, 4)}`,
      );
    } else if (name === 'stall') {
      respond(socket, 200, LATE);
    } else if (name === 'flaky' && count === 1) {
      respond(socket, 503, '{"code":503}');
    } else if (name === 'unauthorized' && count === 1) {
      respond(socket, 401, '{"code":401}');
    } else if (name === 'redirect') {
      respond(socket, 302, '', { location: '/api/v1/hold' });
    } else {
      respond(socket, 200, '{"ok":true}');
    }
  };

  const serve = (socket: Socket): void => {
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('latin1');
      if (!buffer.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      // Keep reading (and dropping) so the socket notices the client's end and closes.
      socket.on('data', () => {});
      const path = buffer.slice(0, buffer.indexOf('\r\n')).split(' ')[1] ?? '/';
      requests.push(path);
      withRequest.add(socket);
      route(path, socket);
    };
    socket.on('data', onData);
    socket.resume();
  };

  const state = { stallReads: false };
  const server: Server = createServer({ pauseOnConnect: true }, (socket) => {
    connections++;
    accepted.push(socket);
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    // A client that gave up resets the socket; that is expected here.
    socket.on('error', () => {});
    if (state.stallReads) stalled.push(socket);
    else serve(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');

  return {
    origin: `http://127.0.0.1:${address.port}`,
    get connections() {
      return connections;
    },
    requests,
    open,
    accepted,
    carriedRequest: (socket) => withRequest.has(socket),
    held,
    trickling,
    stalled,
    get stallReads() {
      return state.stallReads;
    },
    set stallReads(value: boolean) {
      state.stallReads = value;
    },
    answerHeld() {
      for (const socket of held.splice(0)) respond(socket, 200, LATE);
    },
    finishTrickles() {
      for (const socket of trickling.splice(0)) if (!socket.destroyed) socket.end(LATE.slice(4));
    },
    resumeStalled() {
      for (const socket of stalled.splice(0)) serve(socket);
    },
    reset() {
      connections = 0;
      requests.length = 0;
      accepted.length = 0;
      seen.clear();
      state.stallReads = false;
      held.length = 0;
      trickling.length = 0;
      stalled.length = 0;
      // A connection left from an earlier test (an idle spare of Node's fetch) must not serve this one's requests.
      for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
