import type { Transport } from '@meta/transport';
import type { ConformanceContext, ConformanceHarness } from './conformance-harness.js';

/**
 * Transport settings some cases need (SPEC 3.8: the undici transport's options). A transport that cannot honour
 * one must not pretend to: give no `configure` factory and the cases needing settings are reported as not run.
 */
export interface ConformanceTransportSettings {
  /** Idle keep-alive cap in milliseconds; an upper bound even when the server advertises longer. */
  readonly keepAliveTimeoutMs?: number;
  /** Negotiate HTTP/2 (ALPN) on `https:` origins. */
  readonly allowH2?: boolean;
  /** The most concurrent HTTP/2 streams per session. */
  readonly maxConcurrentStreams?: number;
  /** The lowest TLS version to accept. */
  readonly minTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** A proxy URL, `'env'` (`HTTP(S)_PROXY`/`NO_PROXY`), or `false`. Omitted: the transport's default. */
  readonly proxy?: string | false;
}

/** Builds a transport that trusts the test CA and applies `settings`. */
export type ConfiguredTransportFactory = (
  context: ConformanceContext,
  settings: ConformanceTransportSettings,
) => Transport | Promise<Transport>;

/**
 * Open a configured transport for one test and close it afterwards, whatever the test does.
 */
export async function withConfiguredTransport<T>(
  harness: ConformanceHarness,
  configure: ConfiguredTransportFactory,
  settings: ConformanceTransportSettings,
  use: (transport: Transport) => Promise<T>,
): Promise<T> {
  const transport = await configure({ ca: harness.servers().certificates.ca }, settings);
  try {
    return await use(transport);
  } finally {
    await transport.close();
  }
}

/** The groups that run only with a `configure` factory; without one they are named in the suite title. */
export const CONFIGURED_GROUPS = ['keep-alive cap', 'HTTP/2 multiplexing', 'minimum TLS version', 'proxies'];
