import { ConfigError } from '@meta/errors';
import { createFetchTransport, type Transport } from '@meta/transport';

/** What REST tells the default transport factory. */
export interface DefaultTransportOptions {
  /** `true`, `false`, a CA bundle path or PEM text. */
  readonly verify: boolean | string;
  /** Unused: fetch has no connect deadline of its own; `timeoutMs` still bounds each attempt. */
  readonly connectTimeoutMs: number;
  /** Unused: `verify: false`, the one warning a default transport gives, is refused here instead. */
  readonly logger: { warn(message: string): void };
}

/**
 * The default outside Node: the fetch transport, which cannot do per-client TLS. A non-default `verify` is
 * therefore a `ConfigError` instead of being silently ignored.
 */
export function createDefaultTransport(options: DefaultTransportOptions): Transport {
  if (options.verify !== true) {
    throw new ConfigError('verify: the fetch transport cannot change TLS verification per client', {
      field: 'verify',
    });
  }
  return createFetchTransport();
}
