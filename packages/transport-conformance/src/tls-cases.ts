import { isNetworkError, type NetworkError } from '@meta/errors';
import { expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { JSON_DOCUMENT } from './conformance-routes.js';

/** HTTPS against servers whose certificates chain to the test CA, and the TLS failures. */
export function registerTlsCases(harness: ConformanceHarness): void {
  test('reaches an HTTPS server whose certificate chains to the trusted CA', async () => {
    const response = await harness.send({ url: `${harness.servers().https}/json` });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON_DOCUMENT);
  });

  const failures = [
    ['a self-signed certificate', 'httpsSelfSigned', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
    ['a certificate for another host', 'httpsWrongHost', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['an expired certificate', 'httpsExpired', 'CERT_HAS_EXPIRED'],
  ] as const;
  for (const [description, server, code] of failures) {
    test(`${description} is a NetworkError ${code} before the response`, async () => {
      const error = await harness.send({ url: `${harness.servers()[server]}/json` }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).code).toBe(code);
      expect((error as NetworkError).beforeResponse).toBe(true);
    });
  }
}
