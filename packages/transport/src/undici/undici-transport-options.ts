import type * as Undici from 'undici';

/** The dispatcher shape the transport needs: undici 7 and 8 `Agent`, `Pool`, `ProxyAgent` and friends all fit. */
export interface UndiciDispatcher {
  dispatch(options: object, handler: object): boolean;
  close(): Promise<void>;
  destroy(): Promise<void>;
}

/** The undici exports used to build an owned dispatcher; the installed `undici` (7 or 8) by default. */
export interface UndiciModule {
  readonly Agent: new (options?: object) => UndiciDispatcher;
  readonly ProxyAgent: new (options: object) => UndiciDispatcher;
  readonly EnvHttpProxyAgent: new (options?: object) => UndiciDispatcher;
}

/** A PEM certificate or key, as text or bytes, or several. */
export type PemInput = string | Uint8Array | ReadonlyArray<string | Uint8Array>;

/** Options of {@link createUndiciTransport}. TLS, pool and proxy options apply only to a dispatcher we own. */
export interface UndiciTransportOptions {
  /**
   * Use this dispatcher (an undici `Agent`, `Pool`, `ProxyAgent`, ...) instead of creating one. It is borrowed:
   * `close()` never closes it. Cannot be combined with the pool, TLS or proxy options below.
   * @default undefined (the transport creates and owns an `Agent`)
   */
  readonly dispatcher?: UndiciDispatcher | Undici.Dispatcher;
  /**
   * The most connections per origin.
   * @default undefined (no limit, as undici)
   */
  readonly connections?: number;
  /**
   * How long an idle keep-alive connection is kept, in milliseconds (a server's `Keep-Alive: timeout` hint wins
   * when shorter).
   * @default 4000
   */
  readonly keepAliveTimeoutMs?: number;
  /**
   * The most time to open a connection, TLS included, in milliseconds. A request's `timeoutMs` caps it.
   * @default 10000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Negotiate HTTP/2 with ALPN on `https:` origins.
   * @default false
   */
  readonly allowH2?: boolean;
  /**
   * Trusted CA certificates (PEM). Replaces Node's bundled root store for this transport only, as Node's `tls`
   * does; include the public roots yourself if you need both.
   * @default undefined (Node's root store)
   */
  readonly ca?: PemInput;
  /**
   * Verify the server's certificate. `false` affects this transport only: never `NODE_TLS_REJECT_UNAUTHORIZED`,
   * never the global dispatcher.
   * @default true
   */
  readonly rejectUnauthorized?: boolean;
  /**
   * Client certificate chain (PEM) for mutual TLS.
   * @default undefined
   */
  readonly cert?: PemInput;
  /**
   * Client private key (PEM) for mutual TLS.
   * @default undefined
   */
  readonly key?: PemInput;
  /**
   * Send every request through this proxy URL (`http://user:pass@proxy:3128`), or `"env"` to follow
   * `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (read once, when the transport is created).
   * @default undefined (no proxy; proxy variables are ignored unless you ask for `"env"`)
   */
  readonly proxy?: string;
  /**
   * The undici module to build the owned dispatcher from, for applications that carry a second copy (tests run
   * undici 8 this way). Only `Agent`, `ProxyAgent` and `EnvHttpProxyAgent` are used.
   * @default the installed `undici` peer dependency
   */
  readonly undici?: UndiciModule;
}

/** The defaults of {@link UndiciTransportOptions}, declared once. */
export const UNDICI_TRANSPORT_DEFAULTS = Object.freeze({
  keepAliveTimeoutMs: 4000,
  connectTimeoutMs: 10_000,
  allowH2: false,
  rejectUnauthorized: true,
});
