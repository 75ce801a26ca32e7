import { ConfigError } from '@meta/errors';
import {
  UNDICI_TRANSPORT_DEFAULTS,
  type UndiciDispatcher,
  type UndiciModule,
  type UndiciTransportOptions,
} from './undici-transport-options.js';

const OWNED_ONLY = ['connections', 'keepAliveTimeoutMs', 'connectTimeoutMs', 'allowH2', 'ca'] as const;
const OWNED_ONLY_TLS = ['rejectUnauthorized', 'cert', 'key', 'proxy'] as const;

/**
 * Build the `Agent` (or `ProxyAgent` / `EnvHttpProxyAgent`) a transport owns. The TLS options go into this
 * dispatcher's own connector, so they never reach another transport or the process.
 */
export function createOwnedDispatcher(
  options: UndiciTransportOptions,
  undici: UndiciModule,
): UndiciDispatcher {
  const connectTimeoutMs = options.connectTimeoutMs ?? UNDICI_TRANSPORT_DEFAULTS.connectTimeoutMs;
  checkPositive('connectTimeoutMs', connectTimeoutMs);
  if (options.keepAliveTimeoutMs !== undefined)
    checkPositive('keepAliveTimeoutMs', options.keepAliveTimeoutMs);
  if (options.connections !== undefined) checkPositive('connections', options.connections, true);
  const tls: Record<string, unknown> = {
    timeout: connectTimeoutMs,
    rejectUnauthorized: options.rejectUnauthorized ?? UNDICI_TRANSPORT_DEFAULTS.rejectUnauthorized,
  };
  if (options.ca !== undefined) tls.ca = options.ca;
  if (options.cert !== undefined) tls.cert = options.cert;
  if (options.key !== undefined) tls.key = options.key;
  const agentOptions: Record<string, unknown> = {
    connect: tls,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? UNDICI_TRANSPORT_DEFAULTS.keepAliveTimeoutMs,
    allowH2: options.allowH2 ?? UNDICI_TRANSPORT_DEFAULTS.allowH2,
  };
  if (options.connections !== undefined) agentOptions.connections = options.connections;
  if (options.proxy === undefined) return new undici.Agent(agentOptions);
  // Through a proxy, `requestTls` is TLS to the target and `proxyTls` TLS to an `https:` proxy.
  const proxied = { ...agentOptions, requestTls: tls, proxyTls: tls };
  if (options.proxy === 'env') return new undici.EnvHttpProxyAgent(proxied);
  return new undici.ProxyAgent({ ...proxied, uri: checkProxyUrl(options.proxy) });
}

/** A user dispatcher with options that only an owned one can honour would silently ignore them: refuse. */
export function checkBorrowedDispatcherOptions(options: UndiciTransportOptions): void {
  for (const field of [...OWNED_ONLY, ...OWNED_ONLY_TLS]) {
    if (options[field] !== undefined) {
      throw new ConfigError(
        `"${field}" cannot be combined with "dispatcher": configure the dispatcher you pass instead`,
        { field },
      );
    }
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
    throw new ConfigError('"proxy" must be an http: or https: URL, or "env"', { field: 'proxy' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('"proxy" must be an http: or https: URL, or "env"', { field: 'proxy' });
  }
  return proxy;
}
