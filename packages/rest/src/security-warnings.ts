import type { ResolvedOptions } from './resolve-options.js';

/**
 * True for 127.0.0.0/8, ::1 and localhost exactly (SPEC 3.8): plain http there never leaves the machine.
 * `*.localhost` names are not counted: Node resolves them through DNS, which may answer with any address.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) < 256)
  );
}

/**
 * The construction-time warnings of SPEC 3.8, each logged once per client: a Bearer token configured for a
 * non-loopback `http://` URL (it would travel in clear text), and `verify: false`.
 */
export function warnAboutInsecureSettings(options: ResolvedOptions): void {
  const { baseUrl, logger } = options;
  const hasToken = options.authToken !== undefined || options.accessToken !== undefined;
  if (
    hasToken &&
    options.authTokenMode.toLowerCase() === 'bearer' &&
    baseUrl.protocol === 'http:' &&
    !isLoopbackHost(baseUrl.hostname)
  ) {
    logger.warn(
      `@meta/rest: a Bearer token is configured for ${baseUrl.origin} over plain http; it can be read on the network. Use https.`,
    );
  }
  if (options.verify === false) {
    logger.warn('@meta/rest: verify is false, so TLS certificates are not checked for this client.');
  }
}
