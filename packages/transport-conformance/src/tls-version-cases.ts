import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isNetworkError, type NetworkError } from '@meta/errors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConfiguredTransportFactory, withConfiguredTransport } from './configured-transport.js';
import type { ConformanceHarness } from './conformance-harness.js';

/** `minTlsVersion` (SPEC 3.8 v2): a server offering only TLS 1.2 fails typed, and not retryably, under TLSv1.3. */
export function registerTlsVersionCases(
  harness: ConformanceHarness,
  configure?: ConfiguredTransportFactory,
): void {
  // Without a configure factory the group is named in the suite title (CONFIGURED_GROUPS), never run as a test.
  if (configure === undefined) return;
  describe('minimum TLS version', () => {
    let server: Server;
    let origin: string;

    beforeAll(async () => {
      server = createServer(
        { ...harness.servers().certificates.valid, maxVersion: 'TLSv1.2' },
        (_request, response) => response.end('ok'),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    test('minTlsVersion TLSv1.3 against a TLSv1.2-only server is a TLS NetworkError that is not retryable', async () => {
      await withConfiguredTransport(
        harness,
        configure,
        { minTlsVersion: 'TLSv1.3', proxy: false },
        async (transport) => {
          const error = await transport
            .send({ method: 'GET', url: `${origin}/`, headers: {}, timeoutMs: 5000 })
            .then(
              () => undefined,
              (caught: unknown) => caught,
            );
          expect(isNetworkError(error), String(error)).toBe(true);
          expect((error as NetworkError).code).toMatch(/^ERR_(SSL|TLS)_/);
          expect((error as NetworkError).retryable).toBe(false);
        },
      );
    });

    test('minTlsVersion TLSv1.2 reaches the same server', async () => {
      await withConfiguredTransport(
        harness,
        configure,
        { minTlsVersion: 'TLSv1.2', proxy: false },
        async (transport) => {
          const response = await transport.send({ method: 'GET', url: `${origin}/`, headers: {} });
          expect(await response.text()).toBe('ok');
        },
      );
    });
  });
}
