import { readFileSync } from 'node:fs';
import { ConfigError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';

/** What REST tells the default transport factory. */
export interface DefaultTransportOptions {
  /** `true`, `false`, a CA bundle path or PEM text. */
  readonly verify: boolean | string;
  /** The connect deadline in milliseconds, already capped by `timeoutMs`. */
  readonly connectTimeoutMs: number;
}

/** PEM text is recognised by its armour; anything else is a path. */
function readCertificateAuthority(verify: string): string {
  if (verify.includes('-----BEGIN')) return verify;
  try {
    return readFileSync(verify, 'utf8');
  } catch (error) {
    throw new ConfigError(`verify: the CA bundle "${verify}" could not be read`, {
      field: 'verify',
      cause: error,
    });
  }
}

/**
 * The Node default: an undici transport REST owns (and closes). `verify` is applied to this transport only:
 * never `NODE_TLS_REJECT_UNAUTHORIZED`, never the global dispatcher.
 */
export function createDefaultTransport(options: DefaultTransportOptions): Transport {
  const { verify, connectTimeoutMs } = options;
  if (verify === true) return createUndiciTransport({ connectTimeoutMs });
  if (verify === false) return createUndiciTransport({ connectTimeoutMs, rejectUnauthorized: false });
  return createUndiciTransport({ connectTimeoutMs, ca: readCertificateAuthority(verify) });
}
