import type { Transport, TransportRequest, TransportResponse } from '@meta/transport';
import type { ConfiguredTransportFactory } from './configured-transport.js';
import type { ConformanceServers } from './start-conformance-servers.js';

/** What a transport factory receives: the PEM of the CA the HTTPS test servers chain to. */
export interface ConformanceContext {
  /** Trust this CA (and nothing else is needed) to reach the suite's HTTPS servers. */
  readonly ca: string;
}

/** Builds the transport under test. Called once for the shared transport and again for lifecycle cases. */
export type ConformanceTransportFactory = (context: ConformanceContext) => Transport | Promise<Transport>;

/**
 * Groups of cases a transport cannot take part in, each with the reason. A group marked here is not run; the
 * suite registers one test per group that names it and its reason instead, so nothing is skipped silently.
 */
export interface ConformanceNotApplicable {
  /** HTTPS and TLS failure cases (e.g. a fetch without per-client TLS that cannot trust the test CA). */
  readonly https?: string;
  /** Reusing one connection for sequential requests (e.g. a platform-managed pool). */
  readonly keepAlive?: string;
  /** Telling a connect timeout from a headers timeout (fetch cannot: it reports `headers`). */
  readonly connectPhase?: string;
  /** No sockets or timers left after `close()` (e.g. connections owned by a process-wide pool). */
  readonly resourceCleanup?: string;
  /**
   * What only a transport that owns the wire can guarantee, for a transport that hands requests to a fetch the
   * caller passed in (used as is): exact decoding of large, cut or corrupt compressed bodies, transfer framing
   * llhttp leaves in the body, decoding cost per byte, and the TLS socket of a stalled handshake. The other
   * framing and TLS cases still run.
   */
  readonly injectedFetch?: string;
  /**
   * Reading a header value exactly as sent: an HTTP client that trims values (node:http shows `chunked<TAB>` as
   * `chunked`) cannot tell a Transfer-Encoding llhttp left undone from one it de-chunked.
   */
  readonly rawHeaderValues?: string;
}

/** Options of `describeTransportConformance`. */
export interface ConformanceOptions {
  /**
   * Case groups that do not apply to this transport, with the reason.
   * @default {} (every case runs)
   */
  readonly notApplicable?: ConformanceNotApplicable;
  /**
   * Builds a transport with settings (keep-alive cap, HTTP/2, minimum TLS version, proxy) for the cases that
   * need them; without it those cases are reported as not run.
   * @default undefined
   */
  readonly configure?: ConfiguredTransportFactory;
}

/** What the case files share: the servers, a transport to use, and a way to open fresh ones. */
export interface ConformanceHarness {
  readonly name: string;
  readonly notApplicable: ConformanceNotApplicable;
  servers(): ConformanceServers;
  /** The shared transport for this suite. */
  transport(): Transport;
  /** A fresh transport, closed after the suite. */
  open(): Promise<Transport>;
  /** Send with defaults: `GET`, no headers. */
  send(
    request: Partial<TransportRequest> & { url: string },
    transport?: Transport,
  ): Promise<TransportResponse>;
}

/** Poll `condition` until it holds or `limitMs` passes (a generous bound: the answer, not the time, is tested). */
export async function eventually(condition: () => boolean, limitMs = 10_000): Promise<boolean> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
