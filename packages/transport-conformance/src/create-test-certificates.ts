import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A PEM key and certificate for one test server. */
export interface TestKeyPair {
  readonly key: string;
  readonly cert: string;
}

/** A throwaway CA and the server certificates the conformance suite needs, all made at test time. */
export interface TestCertificates {
  /** The test CA (PEM): trust this, and only `valid`, `wrongHost` and `expired` chain to it. */
  readonly ca: string;
  /** For `127.0.0.1` and `localhost`, signed by the CA, valid now; usable as a server or a client certificate. */
  readonly valid: TestKeyPair;
  /** Signed by the CA for `wrong-host.invalid` only. */
  readonly wrongHost: TestKeyPair;
  /** Signed by the CA for `127.0.0.1`, expired yesterday. */
  readonly expired: TestKeyPair;
  /** For `127.0.0.1`, signed by its own key (no CA). */
  readonly selfSigned: TestKeyPair;
}

const DAY_MS = 86_400_000;

interface KeyMaterial {
  readonly privateKey: forge.pki.rsa.PrivateKey;
  readonly publicKey: forge.pki.rsa.PublicKey;
  readonly pem: string;
}

/** RSA keys from node:crypto (forge's pure-JS key generation takes seconds on a small machine). */
function createKey(): KeyMaterial {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey),
    publicKey: forge.pki.publicKeyFromPem(publicKey) as forge.pki.rsa.PublicKey,
    pem: privateKey,
  };
}

interface CertificateSpec {
  readonly commonName: string;
  readonly subjectKey: KeyMaterial;
  readonly issuerKey: KeyMaterial;
  readonly issuerName: string;
  readonly isCa?: boolean;
  readonly altNames?: ReadonlyArray<{ type: 2; value: string } | { type: 7; ip: string }>;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

function createCertificate(spec: CertificateSpec): string {
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = spec.subjectKey.publicKey;
  // A positive serial: a leading 01 keeps the top bit clear.
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = spec.notBefore;
  certificate.validity.notAfter = spec.notAfter;
  certificate.setSubject([{ name: 'commonName', value: spec.commonName }]);
  certificate.setIssuer([{ name: 'commonName', value: spec.issuerName }]);
  const extensions: object[] = [{ name: 'basicConstraints', cA: spec.isCa === true, critical: true }];
  if (spec.isCa) {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true });
  } else {
    extensions.push(
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      // Client auth too: a test of mutual TLS can present the same certificate as the client's.
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      { name: 'subjectAltName', altNames: spec.altNames ?? [] },
    );
  }
  extensions.push({ name: 'subjectKeyIdentifier' });
  certificate.setExtensions(extensions);
  certificate.sign(spec.issuerKey.privateKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(certificate);
}

const LOOPBACK_NAMES = [
  { type: 7, ip: '127.0.0.1' },
  { type: 2, value: 'localhost' },
] as const;

/**
 * Make a CA and the four server certificates (valid, wrong host, expired, self-signed). Three RSA keys are
 * generated (the leaves share one); this takes well under a second.
 */
export function createTestCertificates(now: Date = new Date()): TestCertificates {
  const caKey = createKey();
  const leafKey = createKey();
  const selfKey = createKey();
  const caName = '@meta/transport conformance CA';
  const current = {
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + 30 * DAY_MS),
  };
  const ca = createCertificate({
    commonName: caName,
    subjectKey: caKey,
    issuerKey: caKey,
    issuerName: caName,
    isCa: true,
    ...current,
  });
  const leaf = (commonName: string, altNames: CertificateSpec['altNames'], validity = current) =>
    createCertificate({
      commonName,
      subjectKey: leafKey,
      issuerKey: caKey,
      issuerName: caName,
      ...(altNames ? { altNames } : {}),
      ...validity,
    });
  return {
    ca,
    valid: { key: leafKey.pem, cert: leaf('127.0.0.1', LOOPBACK_NAMES) },
    wrongHost: {
      key: leafKey.pem,
      cert: leaf('wrong-host.invalid', [{ type: 2, value: 'wrong-host.invalid' }]),
    },
    expired: {
      key: leafKey.pem,
      cert: leaf('127.0.0.1', LOOPBACK_NAMES, {
        notBefore: new Date(now.getTime() - 30 * DAY_MS),
        notAfter: new Date(now.getTime() - DAY_MS),
      }),
    },
    selfSigned: {
      key: selfKey.pem,
      cert: createCertificate({
        commonName: '127.0.0.1',
        subjectKey: selfKey,
        issuerKey: selfKey,
        issuerName: '127.0.0.1',
        altNames: LOOPBACK_NAMES,
        ...current,
      }),
    },
  };
}
