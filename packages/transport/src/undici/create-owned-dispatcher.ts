import type { Socket } from 'node:net';
import { ConfigError } from '@meta/errors';
import { ConnectionTracker } from './connection-tracker.js';
import { environmentProxies, hasEnvironmentProxy } from './environment-proxy.js';
import { environmentProxyRouter } from './environment-proxy-router.js';
import { checkTlsMaterial } from './tls-material.js';
import { UNDICI_OPTION_NAMES } from './undici-option-checks.js';
import {
  UNDICI_TRANSPORT_DEFAULTS,
  type UndiciDispatcher,
  type UndiciModule,
  type UndiciTransportOptions,
} from './undici-transport-options.js';

// Every option but the dispatcher itself and the undici module configures a dispatcher we own (one list of names
// lives in undici-option-checks.ts).
const OWNED_ONLY = UNDICI_OPTION_NAMES.filter((name) => name !== 'dispatcher' && name !== 'undici');

/** A dispatcher the transport owns, and the tracker of its connections when it connects directly. */
export interface OwnedDispatcher {
  readonly dispatcher: UndiciDispatcher;
  readonly tracker: ConnectionTracker | undefined;
  /** True when a sealed header record may be handed to undici as is (no ProxyAgent adds to it). */
  readonly shareHeaders: boolean;
  /**
   * True when undici reconnects after a started HTTP/1.1 request is aborted (undici 7 without `allowH2`), so the
   * tracker should refuse connections nobody waits for. Never on undici 8 or HTTP/2: their clients take requests
   * while connecting, and a refusal would fail a request sent a moment later (seen after an h2 GOAWAY).
   */
  readonly reconnectsAfterAbort: boolean;
}

/**
 * Build the `Agent` (or `ProxyAgent`, or a router between proxies and a direct `Agent`) a transport owns. The TLS options go into this
 * dispatcher's own connector, so they never reach another transport or the process.
 */
export function createOwnedDispatcher(
  options: UndiciTransportOptions,
  undici: UndiciModule,
): OwnedDispatcher {
  const defaults = UNDICI_TRANSPORT_DEFAULTS;
  const connectTimeoutMs = options.connectTimeoutMs ?? defaults.connectTimeoutMs;
  checkPositive('connectTimeoutMs', connectTimeoutMs);
  const keepAliveTimeoutMs = options.keepAliveTimeoutMs ?? defaults.keepAliveTimeoutMs;
  checkPositive('keepAliveTimeoutMs', keepAliveTimeoutMs);
  if (options.connections !== undefined) checkPositive('connections', options.connections, true);
  const maxConcurrentStreams = options.maxConcurrentStreams ?? defaults.maxConcurrentStreams;
  checkPositive('maxConcurrentStreams', maxConcurrentStreams, true);
  const tls: Record<string, unknown> = {
    timeout: connectTimeoutMs,
    rejectUnauthorized: options.rejectUnauthorized ?? defaults.rejectUnauthorized,
  };
  checkTlsMaterial(options);
  if (options.ca !== undefined) tls.ca = options.ca;
  if (options.cert !== undefined) tls.cert = options.cert;
  if (options.key !== undefined) tls.key = options.key;
  if (options.minTlsVersion !== undefined) tls.minVersion = options.minTlsVersion;
  const allowH2 = options.allowH2 ?? defaults.allowH2;
  const agentOptions: Record<string, unknown> = {
    // Both: undici 7 lets a server's longer `Keep-Alive: timeout` hint win over `keepAliveTimeout` alone.
    keepAliveTimeout: keepAliveTimeoutMs,
    keepAliveMaxTimeout: keepAliveTimeoutMs,
    allowH2,
    maxConcurrentStreams,
  };
  if (options.connections !== undefined) agentOptions.connections = options.connections;
  const proxy = options.proxy ?? defaults.proxy;
  const tracker = new ConnectionTracker(connectTimeoutMs);
  // undici 7: one request at a time per connection unless told otherwise, and a reconnect after an abort.
  const undiciSeven = !multiplexesByDefault(undici);
  const direct = (): UndiciDispatcher => {
    // undici builds its connector with `allowH2` (the ALPN offer); a connector we build must be told too.
    const connect = tracker.wrap(undici.buildConnector({ ...tls, allowH2 }));
    if (allowH2 && undiciSeven) {
      return undiciSevenH2Agent(
        undici,
        { ...agentOptions, connect },
        maxConcurrentStreams,
        keepAliveTimeoutMs,
      );
    }
    return new undici.Agent({ ...agentOptions, connect });
  };
  const reconnectsAfterAbort = !allowH2 && undiciSeven;
  if (proxy === false || (proxy === 'env' && !hasEnvironmentProxy())) {
    return { dispatcher: direct(), tracker, shareHeaders: true, reconnectsAfterAbort };
  }
  // Through a proxy, `requestTls` is TLS to the target and `proxyTls` TLS to an `https:` proxy. Always a CONNECT
  // tunnel (undici 8 would forward `http:` requests instead), so a refusal is `ERR_PROXY_TUNNEL` on both.
  const proxied = { ...agentOptions, connect: tls, requestTls: tls, proxyTls: tls, proxyTunnel: true };
  const proxyAgent = (uri: string) =>
    buildProxyAgent(() => new undici.ProxyAgent({ ...proxied, uri: checkProxyUrl(uri) }));
  if (proxy === 'env') {
    // Hosts NO_PROXY bypasses (and a scheme without its own variable) connect through the tracked connector.
    const proxies = environmentProxies();
    const routes = {
      http: proxies.http === undefined ? undefined : proxyAgent(proxies.http),
      https: proxies.https === undefined ? undefined : proxyAgent(proxies.https),
      direct: direct(),
    };
    // A ProxyAgent adds `host` to the headers it is given: never share a sealed record with it.
    return {
      dispatcher: environmentProxyRouter(proxies, routes),
      tracker,
      shareHeaders: false,
      reconnectsAfterAbort,
    };
  }
  return {
    dispatcher: proxyAgent(proxy),
    tracker: undefined,
    shareHeaders: false,
    reconnectsAfterAbort: false,
  };
}

/** A user dispatcher with options that only an owned one can honour would silently ignore them: refuse. */
export function checkBorrowedDispatcherOptions(options: UndiciTransportOptions): void {
  for (const field of OWNED_ONLY) {
    if (options[field] !== undefined) {
      throw new ConfigError(
        `"${field}" cannot be combined with "dispatcher": configure the dispatcher you pass instead`,
        { field },
      );
    }
  }
}

/** undici 8 multiplexes HTTP/2 streams over one session by default; undici 7 needs help (see below). */
function multiplexesByDefault(undici: UndiciModule): boolean {
  return 'Dispatcher1Wrapper' in undici;
}

/**
 * undici 7 sends one request at a time per connection unless `pipelining` is raised, and opens a new connection
 * per request while the first one is still connecting. So: one connection per origin unless `connections` says
 * otherwise, and `pipelining` raised to `maxConcurrentStreams` only on a connection that negotiated `h2`, so an
 * origin that answers HTTP/1.1 is never pipelined. undici 7 also never closes an idle HTTP/2 session (its
 * `keepAliveTimeout` applies to HTTP/1.1 sockets only), so such a connection gets the idle cap here.
 */
function undiciSevenH2Agent(
  undici: UndiciModule,
  agentOptions: Record<string, unknown>,
  maxConcurrentStreams: number,
  keepAliveTimeoutMs: number,
): UndiciDispatcher {
  const createClient = (origin: string, clientOptions: Record<string, unknown>) => {
    const connect = clientOptions.connect as (
      options: object,
      callback: (error: Error | null, socket: Socket | null) => void,
    ) => unknown;
    const client = new undici.Client(origin, {
      ...clientOptions,
      connect: (connectOptions: object, callback: (error: Error | null, socket: Socket | null) => void) =>
        connect(connectOptions, (error, socket) => {
          if (socket && (socket as { alpnProtocol?: unknown }).alpnProtocol === 'h2') {
            client.pipelining = maxConcurrentStreams;
            closeWhenIdle(socket, client, keepAliveTimeoutMs);
          }
          callback(error, socket);
        }),
    });
    return client;
  };
  return new undici.Agent({
    connections: 1,
    ...agentOptions,
    factory: (origin: string, poolOptions: Record<string, unknown>) =>
      poolOptions.connections === 1
        ? createClient(origin, poolOptions)
        : new undici.Pool(origin, { ...poolOptions, factory: createClient }),
  });
}

/** The reason an idle HTTP/2 socket is closed with: undici's code for a close that is no failure. */
const IDLE_CLOSE = Object.assign(new Error('idle HTTP/2 session closed after keepAliveTimeoutMs'), {
  code: 'UND_ERR_INFO',
});

/** What `closeWhenIdle` reads of an undici `Client`: its requests in flight and queued. */
interface ClientLoad {
  readonly stats: { readonly running: number; readonly pending: number };
}

/**
 * `keepAliveTimeoutMs` is an upper bound on an idle connection (SPEC 3.8 v2), HTTP/2 sessions included: after
 * that long without a byte either way and with no request in flight or queued, the socket is closed, as undici 8
 * closes an idle session itself. A request that is only slow (in flight, silent) keeps its connection: its own
 * deadline governs it. undici sees the close and connects again for the next request.
 */
function closeWhenIdle(socket: Socket, client: object, idleMs: number): void {
  socket.setTimeout(idleMs);
  socket.on('timeout', () => {
    // undici 7's `Client` has `stats` (the module type only names what every transport needs).
    const { running, pending } = (client as ClientLoad).stats;
    // With an error, as undici 7 closes an idle HTTP/1.1 socket: its session-close handler reads the socket's
    // error first (a bare destroy() makes it throw from an event listener), and `UND_ERR_INFO` fails no request.
    if (running === 0 && pending === 0) socket.destroy(IDLE_CLOSE);
  });
}

function buildProxyAgent(build: () => UndiciDispatcher): UndiciDispatcher {
  try {
    return build();
  } catch (error) {
    // undici's message may repeat the proxy URL, credentials included: never pass it on.
    throw new ConfigError(
      '"proxy": the proxy URL (option or HTTP_PROXY/HTTPS_PROXY) is not a valid http: URL',
      {
        field: 'proxy',
        cause: new Error((error as { code?: string }).code ?? 'invalid proxy'),
      },
    );
  }
}

function checkPositive(field: string, value: number, integer = false): void {
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new ConfigError(`"${field}" must be a positive ${integer ? 'integer' : 'number'}`, { field });
  }
}

function checkProxyUrl(proxy: string): string {
  let parsed: URL;
  try {
    parsed = new URL(proxy);
  } catch {
    // The URL may hold credentials, so the message never repeats it.
    throw new ConfigError('"proxy" must be an http: or https: URL, "env" or false', { field: 'proxy' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('"proxy" must be an http: or https: URL, "env" or false', { field: 'proxy' });
  }
  return proxy;
}
