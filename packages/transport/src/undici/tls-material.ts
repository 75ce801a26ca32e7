import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { ConfigError } from '@meta/errors';
import type { PemInput, UndiciTransportOptions } from './undici-transport-options.js';

const CERTIFICATE_LINE = '-----BEGIN CERTIFICATE-----';

function entries(input: PemInput): ReadonlyArray<string | Uint8Array> {
  return typeof input === 'string' || input instanceof Uint8Array ? [input] : input;
}

function text(entry: string | Uint8Array): string {
  return typeof entry === 'string'
    ? entry
    : Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength).toString();
}

/** A ConfigError naming the field and OpenSSL's code; never the PEM itself (a key is a secret). */
function unusable(field: 'ca' | 'cert' | 'key', what: string, error?: unknown): ConfigError {
  const code = (error as { code?: unknown } | undefined)?.code;
  return new ConfigError(`"${field}" ${what}${typeof code === 'string' ? ` (${code})` : ''}`, {
    field,
    ...(typeof code === 'string' ? { cause: new Error(code) } : {}),
  });
}

/**
 * Check `ca`, `cert` and `key` when the transport is created, so unusable TLS material is a `ConfigError` naming
 * the option instead of a `NetworkError` on every request (which a retry policy would replay: SPEC 3.6 never
 * retries configuration errors). Node ignores a `ca` without any certificate and accepts a `cert` whose `key`
 * belongs to another certificate until a server asks for it, so both are checked here.
 */
export function checkTlsMaterial(options: UndiciTransportOptions): void {
  const { ca, cert, key } = options;
  if (ca !== undefined && !entries(ca).some((entry) => text(entry).includes(CERTIFICATE_LINE))) {
    throw unusable('ca', `holds no PEM certificate (${CERTIFICATE_LINE})`);
  }
  if ((cert === undefined) !== (key === undefined)) {
    throw unusable(
      cert === undefined ? 'cert' : 'key',
      'is needed too: a client certificate takes both cert and key',
    );
  }
  for (const [field, value] of [
    ['ca', ca],
    ['cert', cert],
    ['key', key],
  ] as const) {
    if (value === undefined) continue;
    try {
      createSecureContext({ [field]: value });
    } catch (error) {
      throw unusable(field, 'is not usable PEM', error);
    }
  }
  if (cert !== undefined && key !== undefined) {
    let matches: boolean;
    try {
      const first = new X509Certificate(text(entries(cert)[0]!));
      matches = entries(key).some((entry) => first.checkPrivateKey(createPrivateKey(text(entry))));
    } catch (error) {
      throw unusable('key', 'is not usable PEM', error);
    }
    if (!matches) throw unusable('key', 'does not belong to the certificate in "cert"');
  }
}
