import type { ResolvedOptions } from './resolve-options.js';
import { tokenUse } from './token-rules.js';

/**
 * 127.0.0.0/8, ::1 and localhost exactly (SPEC 3.8): plain http there never leaves the machine. `*.localhost`
 * names are not counted: Node resolves them through DNS, which may answer with any address. Matched against a
 * URL's hostname, where an IPv4 address is always four decimal octets below 256 (the URL parser turns `127.1`
 * into `127.0.0.1` and refuses `127.0.0.999`), so the pattern need not check the ranges.
 */
const LOOPBACK_HOSTNAME = /^(?:localhost|\[::1\]|127\.\d+\.\d+\.\d+)$/i;

/** True when a URL's `hostname` is a loopback address or `localhost` (see {@link LOOPBACK_HOSTNAME}). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTNAME.test(hostname);
}

/**
 * The construction-time warning of SPEC 3.8, logged once per client: a token configured for a non-loopback
 * `http://` URL (it would travel in clear text). SPEC names Bearer tokens; any `authTokenMode` (`Token`,
 * `Basic`, none) is read on the network just the same, so every scheme warns. The other one, `verify: false`,
 * is given by the Node default transport (default-transport-node.ts), the only transport that accepts it.
 */
export function warnAboutInsecureSettings(options: ResolvedOptions): void {
  const { baseUrl, logger } = options;
  // A preset "no_token" or "" sends no auth header, so nothing would travel in clear text (SPEC 3.3).
  const hasToken = options.authToken !== undefined || tokenUse(options.accessToken ?? '') === 'send';
  if (hasToken && baseUrl.protocol === 'http:' && !isLoopbackHost(baseUrl.hostname)) {
    logger.warn(
      `@meta/rest: a token is configured for ${baseUrl.origin} over plain http, readable on the network; use https.`,
    );
  }
}
