/** What one burst measured, on the client and on the server, and the counter arithmetic around it. */

/** Running totals the burst server keeps; a burst's own figures are the difference around it. */
export interface ServerCounts {
  /** TCP connections accepted. */
  readonly tcpConnections: number;
  /** TLS handshakes completed (`secureConnection`), resumed ones included. */
  readonly tlsHandshakes: number;
  /** Handshakes that resumed an earlier TLS session (cheaper: no certificate verification). */
  readonly resumedSessions: number;
  /** Handshakes where ALPN picked `h2`. */
  readonly h2Connections: number;
  /** Requests served over HTTP/2. */
  readonly h2Requests: number;
  /** Requests served over HTTP/1.1. */
  readonly http1Requests: number;
  /** The server process's CPU (user + system), milliseconds: the handshakes' other half. */
  readonly cpuMs: number;
}

/**
 * The situations a burst starts from: no client yet, a client whose connections idled out, and a warm client with
 * its connections open (the steady state, for comparison).
 */
export type BurstVariant = 'new-client' | 'after-idle' | 'warm';

/** Every variant, in report order. */
export const BURST_VARIANTS: readonly BurstVariant[] = ['new-client', 'after-idle', 'warm'];

/** What the client process measured for one burst. */
export interface BurstTiming {
  /** From before the first request (before the client is built, for `new-client`) until every body is parsed. */
  readonly wallMs: number;
  /** The client process's CPU (user + system) over the same window. */
  readonly cpuMs: number;
  /** Requests that failed or returned something other than the expected JSON. */
  readonly errors: number;
  /** The first failure's message, when there was one. */
  readonly firstError?: string | undefined;
}

/** One burst of one client instance, as the report reads it. */
export interface BurstSample extends BurstTiming {
  /** The client id on the host Node, `<id>@node24` on another. */
  readonly instance: string;
  readonly variant: BurstVariant;
  /** The interleaved round the burst belongs to (0-based): bursts of one round are compared with each other. */
  readonly round: number;
  /** What the server saw during this burst alone. */
  readonly server: ServerCounts;
}

/** All counters at zero. */
export function emptyServerCounts(): { -readonly [Key in keyof ServerCounts]: number } {
  return {
    tcpConnections: 0,
    tlsHandshakes: 0,
    resumedSessions: 0,
    h2Connections: 0,
    h2Requests: 0,
    http1Requests: 0,
    cpuMs: 0,
  };
}

/** What the server counted between two readings of its running totals. */
export function countsBetween(before: ServerCounts, after: ServerCounts): ServerCounts {
  const difference = emptyServerCounts();
  for (const key of Object.keys(difference) as (keyof ServerCounts)[]) {
    difference[key] = after[key] - before[key];
  }
  return difference;
}

/**
 * The order the instances burst in during `round`: the list rotated by the round number, so no client always
 * goes first (right after another client's sockets closed) or last.
 */
export function roundOrder<Item>(items: readonly Item[], round: number): Item[] {
  if (items.length === 0) return [];
  const shift = round % items.length;
  return [...items.slice(shift), ...items.slice(0, shift)];
}
