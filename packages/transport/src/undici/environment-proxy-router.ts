import type { EnvironmentProxies } from './environment-proxy.js';
import type { UndiciDispatcher } from './undici-transport-options.js';

/** The dispatchers a router picks from: the direct one (with the transport's connection tracker) and the proxies. */
export interface ProxyRoutes {
  readonly direct: UndiciDispatcher;
  readonly http: UndiciDispatcher | undefined;
  readonly https: UndiciDispatcher | undefined;
}

/**
 * A dispatcher that sends each request through the proxy its URL's scheme names in the environment, or directly
 * (through the transport's own connector, so deadlines, stalled handshakes and TLS alerts are handled as without
 * any proxy) when that scheme has none or `NO_PROXY` bypasses the host. Replaces undici's `EnvHttpProxyAgent`,
 * which sends `https:` URLs through `HTTP_PROXY` when `HTTPS_PROXY` is unset, matches `NO_PROXY` without CIDR
 * ranges or bare IPv6 addresses, and connects bypassed hosts with a plain `Agent`.
 */
export function environmentProxyRouter(proxies: EnvironmentProxies, routes: ProxyRoutes): UndiciDispatcher {
  // One decision per origin: a client talks to few origins, and parsing a URL per request would cost on the hot
  // path. Bounded so a client walking many hosts cannot grow it without end.
  const decided = new Map<string, UndiciDispatcher>();
  const route = (origin: string): UndiciDispatcher => {
    let chosen = decided.get(origin);
    if (chosen !== undefined) return chosen;
    const url = new URL(origin);
    const proxy = url.protocol === 'https:' ? routes.https : routes.http;
    chosen = proxy === undefined || proxies.bypass(url) ? routes.direct : proxy;
    if (decided.size >= 1024) decided.clear();
    decided.set(origin, chosen);
    return chosen;
  };
  const all = [routes.direct, routes.http, routes.https].filter(
    (dispatcher): dispatcher is UndiciDispatcher => dispatcher !== undefined,
  );
  return {
    dispatch: (options, handler) =>
      route(String((options as { origin: unknown }).origin)).dispatch(options, handler),
    close: () => Promise.all(all.map((dispatcher) => dispatcher.close())).then(() => undefined),
    destroy: () => Promise.all(all.map((dispatcher) => dispatcher.destroy())).then(() => undefined),
  };
}
