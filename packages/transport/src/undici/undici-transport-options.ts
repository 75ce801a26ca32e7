import type * as Undici from 'undici';
import type { UndiciConnector } from './connection-tracker.js';

/** The dispatcher shape the transport needs: undici 7 and 8 `Agent`, `Pool`, `ProxyAgent` and friends all fit. */
export interface UndiciDispatcher {
  dispatch(options: object, handler: object): boolean;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

/** The undici exports used to build an owned dispatcher; the installed `undici` (7 or 8) by default. */
export interface UndiciModule {
  readonly Agent: new (options?: object) => UndiciDispatcher;
  readonly Pool: new (origin: string, options?: object) => UndiciDispatcher;
  readonly Client: new (origin: string, options?: object) => UndiciDispatcher & { pipelining: number };
  readonly ProxyAgent: new (options: object) => UndiciDispatcher;
  readonly EnvHttpProxyAgent: new (options?: object) => UndiciDispatcher;
  readonly buildConnector: (options: object) => UndiciConnector;
}

/** A PEM certificate or key, as text or bytes, or several. */
export type PemInput = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

/** The lowest TLS version a transport accepts. */
export type MinTlsVersion = 'TLSv1.2' | 'TLSv1.3';

/** Options of {@link createUndiciTransport}. TLS, pool and proxy options apply only to a dispatcher we own. */
export interface UndiciTransportOptions {
  /**
   * Use this dispatcher (an undici `Agent`, `Pool`, `ProxyAgent`, ...) instead of creating one. It is borrowed:
   * `close()` never closes it. Cannot be combined with the pool, TLS or proxy options below.
   * @default undefined (the transport creates and owns an `Agent`)
   */
  readonly dispatcher?: UndiciDispatcher | Undici.Dispatcher | undefined;
  /**
   * The most connections per origin.
   * @default undefined (no limit, as undici; 1 with `allowH2` on undici 7, where one connection carries every
   * HTTP/2 stream)
   */
  readonly connections?: number | undefined;
  /**
   * How long an idle keep-alive connection is kept, in milliseconds. An upper bound: a server's longer
   * `Keep-Alive: timeout` hint never extends it (a shorter one wins). HTTP/2 sessions included: one idle this
   * long with no request in flight is closed.
   * @default 4000
   */
  readonly keepAliveTimeoutMs?: number | undefined;
  /**
   * The most time to open a connection, TLS included, in milliseconds. A request's `timeoutMs` caps it: a
   * connection attempt no live request waits for is destroyed when the request's deadline fires.
   * @default 10000
   */
  readonly connectTimeoutMs?: number | undefined;
  /**
   * Negotiate HTTP/2 with ALPN on `https:` origins; concurrent requests to one origin then share one session.
   * @default false
   */
  readonly allowH2?: boolean | undefined;
  /**
   * The most concurrent HTTP/2 streams on one session (with `allowH2`). A positive integer.
   * @default 100 (undici's default, and a Node HTTP/2 server's)
   */
  readonly maxConcurrentStreams?: number | undefined;
  /**
   * Trusted CA certificates (PEM). Replaces Node's bundled root store for this transport only, as Node's `tls`
   * does; include the public roots yourself if you need both.
   * @default undefined (Node's root store)
   */
  readonly ca?: PemInput | undefined;
  /**
   * Verify the server's certificate. `false` affects this transport only: never `NODE_TLS_REJECT_UNAUTHORIZED`,
   * never the global dispatcher.
   * @default true
   */
  readonly rejectUnauthorized?: boolean | undefined;
  /**
   * The lowest TLS version to negotiate: `'TLSv1.2'` or `'TLSv1.3'`. A server that only offers older versions
   * fails with a `NetworkError` carrying OpenSSL's code (`ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION`, not retryable).
   * @default undefined (Node's default, TLSv1.2)
   */
  readonly minTlsVersion?: MinTlsVersion | undefined;
  /**
   * Client certificate chain (PEM) for mutual TLS.
   * @default undefined
   */
  readonly cert?: PemInput | undefined;
  /**
   * Client private key (PEM) for mutual TLS.
   * @default undefined
   */
  readonly key?: PemInput | undefined;
  /**
   * Where requests go: a proxy URL (`http://user:pass@proxy:3128`) for every request; `'env'` to follow
   * `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (lower case wins over upper case; read once, when the transport is
   * created), as Python `requests` does; `false` to ignore those variables and connect directly.
   * @default 'env'
   */
  readonly proxy?: string | false | undefined;
  /**
   * The undici module to build the owned dispatcher from, for applications that carry a second copy (tests run
   * undici 8 this way). Only `Agent`, `Pool`, `Client`, `ProxyAgent`, `EnvHttpProxyAgent` and `buildConnector`
   * are used.
   * @default the installed `undici` peer dependency
   */
  readonly undici?: UndiciModule | undefined;
}

/** The defaults of {@link UndiciTransportOptions}, declared once. */
export const UNDICI_TRANSPORT_DEFAULTS = Object.freeze({
  keepAliveTimeoutMs: 4000,
  connectTimeoutMs: 10_000,
  allowH2: false,
  maxConcurrentStreams: 100,
  rejectUnauthorized: true,
  proxy: 'env' as const,
});
