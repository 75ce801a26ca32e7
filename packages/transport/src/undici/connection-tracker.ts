import type { Socket } from 'node:net';
import { timerDelay } from '../timer-delay.js';

/** undici's connector: `buildConnector(tlsOptions)` returns one (undici 7 and 8 agree on the shape). */
export type UndiciConnector = (
  options: ConnectorOptions,
  callback: (error: Error | null, socket: Socket | null) => void,
) => Socket | undefined | null;

/** The part of the connector options this module reads. */
export interface ConnectorOptions {
  /** The URL scheme with its colon, `http:` or `https:`. */
  readonly protocol: string;
  /** The host to connect to. */
  readonly hostname: string;
  /** The port, as undici passes it (a string, empty for the scheme's default). */
  readonly port: string;
}

/** The error a stalled connection attempt is destroyed with once no live request waits for it. */
export class AttemptAbandonedError extends Error {
  override readonly name = 'AttemptAbandonedError';
  readonly code = 'ERR_ATTEMPT_ABANDONED';
}

/**
 * A connection attempt that took longer than `connectTimeoutMs`: undici's own code, so undici fails the requests
 * waiting for it as it does on its own connect timeout, and the delay that passed, so the `TimeoutError` names it.
 */
export class ConnectTimeoutError extends Error {
  override readonly name = 'ConnectTimeoutError';
  readonly code = 'UND_ERR_CONNECT_TIMEOUT';

  constructor(readonly timeoutMs: number) {
    super(`the connection attempt took longer than connectTimeoutMs (${timeoutMs} ms)`);
  }
}

function onConnectTimeout(socket: Socket, timeoutMs: number): void {
  socket.destroy(new ConnectTimeoutError(timeoutMs));
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** `https://host:443`, the way both the connector options and a request origin are compared. */
export function originKey(protocol: string, hostname: string, port: string): string {
  return `${protocol.toLowerCase()}//${hostname.toLowerCase()}:${port === '' ? DEFAULT_PORTS[protocol] : port}`;
}

/** The key of a request origin (`https://HOST` or `https://host:8443`), without building a URL. */
export function requestOriginKey(origin: string): string {
  const schemeEnd = origin.indexOf('//');
  const protocol = origin.slice(0, schemeEnd);
  const authority = origin.slice(schemeEnd + 2);
  const portStart = authority.lastIndexOf(':');
  const hasPort = portStart !== -1 && !authority.slice(portStart).includes(']');
  return originKey(
    protocol,
    hasPort ? authority.slice(0, portStart) : authority,
    hasPort ? authority.slice(portStart + 1) : '',
  );
}

/**
 * Wraps the connector of a dispatcher the transport owns, to see what undici keeps to itself:
 * - sockets still connecting (TCP or TLS), so a stalled handshake nobody waits for any more is destroyed when
 *   the attempt's deadline fires instead of living until the connect timeout (SPEC 3.8: no socket outlives its
 *   attempt);
 * - a TLS alert a socket received before undici reported it as "other side closed" (TLS 1.3 sends a missing
 *   client certificate's alert after the handshake), keyed by the socket's local address and port, which undici's
 *   `SocketError.socket` reports;
 * - how long a socket has been connecting: `connectTimeoutMs` is enforced here with a Node timer, because
 *   undici's own connect timer runs on its coarse clock (a tick every ~500 ms) and fired a 300 ms timeout at
 *   about 1000 ms, a 1500 ms one at about 2000 ms. undici's timer stays as a backstop; this one fires first.
 */
export class ConnectionTracker {
  readonly #connecting = new Map<string, Set<Socket>>();
  readonly #tlsFailures = new Map<string, Error>();
  readonly #connectTimeoutMs: number | undefined;
  #anyoneWaiting: (() => boolean) | undefined;

  /** @param connectTimeoutMs - Destroy a socket still connecting after this long (none when undefined). */
  constructor(connectTimeoutMs?: number) {
    this.#connectTimeoutMs = connectTimeoutMs;
  }

  /**
   * Open connections only while `anyoneWaiting()` says a live exchange is queued. undici 7 reconnects after
   * aborting a started request (the aborted request stays in its queue until a new socket is up): every
   * deadline or abort during headers or body opened one more connection to the same server, which then idled
   * until the keep-alive timeout, or, to a server that stalls TLS handshakes, until `connectTimeoutMs`, so
   * 100 timed-out slow responses left 100 fresh sockets behind. Refused attempts fail undici's queue at once.
   */
  connectOnlyWhile(anyoneWaiting: () => boolean): void {
    this.#anyoneWaiting = anyoneWaiting;
  }

  /** `connect`, wrapped to remember its sockets while they connect and to watch TLS sockets for alerts. */
  wrap(connect: UndiciConnector): UndiciConnector {
    return (options, callback) => {
      const anyoneWaiting = this.#anyoneWaiting;
      if (anyoneWaiting === undefined || anyoneWaiting()) return this.#connect(connect, options, callback);
      // Asked again a turn later: a request sent meanwhile onto the same undici client must get its connection,
      // not the refusal (undici fails its whole queue with it). undici ignores the connector's return value.
      setImmediate(() => {
        if (anyoneWaiting()) this.#connect(connect, options, callback);
        else callback(new AttemptAbandonedError('no live request waits for this connection'), null);
      });
      return null;
    };
  }

  #connect(
    connect: UndiciConnector,
    options: ConnectorOptions,
    callback: Parameters<UndiciConnector>[1],
  ): Socket | undefined | null {
    const key = originKey(options.protocol, options.hostname, options.port);
    let socket: Socket | undefined | null;
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    socket = connect(options, (error, connected) => {
      settled = true;
      if (timer !== undefined) clearTimeout(timer);
      if (socket) this.#forget(key, socket);
      callback(error, connected);
    });
    if (socket && !settled) {
      this.#remember(key, socket);
      if (options.protocol === 'https:') this.#watchTlsAlerts(socket);
      const timeoutMs = this.#connectTimeoutMs;
      if (timeoutMs !== undefined) {
        // The socket keeps the process alive while it connects; the timer need not.
        timer = setTimeout(onConnectTimeout, timerDelay(timeoutMs), socket, timeoutMs);
        timer.unref();
      }
    }
    return socket;
  }

  /** Destroy the connection attempts to `origin` (a request origin): no live request waits for them. */
  abandonConnecting(origin: string): void {
    const sockets = this.#connecting.get(requestOriginKey(origin));
    if (sockets === undefined) return;
    for (const socket of [...sockets]) {
      // With an error: undici's connector only calls back on 'error', and the queued requests it fails are
      // ones the transport already gave up on.
      socket.destroy(
        new AttemptAbandonedError('the connection attempt outlived every request waiting for it'),
      );
    }
  }

  /**
   * Destroy every connection attempt still in progress, whatever its origin: the transport is closing and no live
   * request waits for them, so none may keep the process alive until its connect timeout (SPEC 3.7).
   */
  abandonAll(): void {
    for (const sockets of [...this.#connecting.values()]) {
      for (const socket of [...sockets]) {
        socket.destroy(new AttemptAbandonedError('the transport was closed during this connection attempt'));
      }
    }
  }

  /** The TLS alert seen on the socket undici's `SocketError` names, if any. */
  tlsFailureOf(error: unknown): Error | undefined {
    if (this.#tlsFailures.size === 0) return undefined;
    const socket = (error as { socket?: { localAddress?: unknown; localPort?: unknown } } | null)?.socket;
    if (socket === undefined || socket === null) return undefined;
    return this.#tlsFailures.get(`${String(socket.localAddress)}:${String(socket.localPort)}`);
  }

  #remember(key: string, socket: Socket): void {
    let sockets = this.#connecting.get(key);
    if (sockets === undefined) {
      sockets = new Set();
      this.#connecting.set(key, sockets);
    }
    sockets.add(socket);
  }

  #forget(key: string, socket: Socket): void {
    const sockets = this.#connecting.get(key);
    if (sockets === undefined) return;
    sockets.delete(socket);
    if (sockets.size === 0) this.#connecting.delete(key);
  }

  #watchTlsAlerts(socket: Socket): void {
    socket.on('error', (error: Error & { code?: unknown }) => {
      if (typeof error.code !== 'string' || !error.code.startsWith('ERR_SSL_')) return;
      const address = `${socket.localAddress}:${socket.localPort}`;
      if (this.#tlsFailures.has(address)) return;
      this.#tlsFailures.set(address, error);
      // undici fails the request from its own 'close' listener, which runs after this one in the same turn.
      socket.once('close', () => setImmediate(() => this.#tlsFailures.delete(address)));
    });
  }
}
