/** The proxy variables Python `requests` and undici read; the lower-case spelling wins when both are set. */
const PROXY_VARIABLES = [
  ['http_proxy', 'HTTP_PROXY'],
  ['https_proxy', 'HTTPS_PROXY'],
] as const;

/**
 * True when `HTTP_PROXY` or `HTTPS_PROXY` (either case) names a proxy. Read once, when a transport is created; a
 * process without them gets a plain `Agent`, so `proxy: 'env'` costs nothing per request when no proxy is set.
 */
export function hasEnvironmentProxy(environment: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some(
    ([lower, upper]) => (environment[lower] ?? environment[upper] ?? '').trim() !== '',
  );
}
