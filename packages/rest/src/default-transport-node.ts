import { readFileSync } from 'node:fs';
import { ConfigError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { createUndiciTransport, type UndiciTransportOptions } from '@meta/transport/undici';

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
  if (verify === true) return createUndiciTransport(ownOptions({ connectTimeoutMs }));
  if (verify === false)
    return createUndiciTransport(ownOptions({ connectTimeoutMs, rejectUnauthorized: false }));
  return createUndiciTransport(ownOptions({ connectTimeoutMs, ca: readCertificateAuthority(verify) }));
}

/**
 * The options with a null prototype: a polluted `Object.prototype.rejectUnauthorized`, `ca`, `proxy` or
 * `dispatcher` must not be read as an option we never set (that turned verification off for every client).
 */
function ownOptions(options: UndiciTransportOptions): UndiciTransportOptions {
  return Object.assign(Object.create(null) as UndiciTransportOptions, options);
}
