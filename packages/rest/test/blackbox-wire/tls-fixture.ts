import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestCertificates } from '@meta/transport-conformance';

/** A test CA and a leaf for 127.0.0.1/localhost it signed, plus a self-signed leaf: made at test time. */
export interface TlsFixture {
  readonly ca: string;
  readonly caPath: string;
  readonly key: string;
  readonly cert: string;
  readonly selfSignedKey: string;
  readonly selfSignedCert: string;
  remove(): void;
}

/**
 * The conformance suite's throwaway CA and certificates (node:crypto keys, no system `openssl` needed), with the
 * CA also written to a temporary file for `verify: <path>` (removed by `remove()`).
 */
export function makeTlsFixture(): TlsFixture {
  const certificates = createTestCertificates();
  const directory = mkdtempSync(join(tmpdir(), 'blackbox-tls-'));
  const caPath = join(directory, 'ca.pem');
  writeFileSync(caPath, certificates.ca);
  return {
    ca: certificates.ca,
    caPath,
    key: certificates.valid.key,
    cert: certificates.valid.cert,
    selfSignedKey: certificates.selfSigned.key,
    selfSignedCert: certificates.selfSigned.cert,
    remove: () => rmSync(directory, { recursive: true, force: true }),
  };
}
