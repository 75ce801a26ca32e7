import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConfiguredTransportFactory, withConfiguredTransport } from './configured-transport.js';
import type { ConformanceHarness } from './conformance-harness.js';

/**
 * `keepAliveTimeoutMs` is an upper bound (SPEC 3.8 v2): a server advertising `Keep-Alive: timeout=10` must not
 * keep an idle connection alive past the client's 200 ms (issue 11: undici 7 needs `keepAliveMaxTimeout` too).
 */
export function registerKeepAliveCases(
  harness: ConformanceHarness,
  configure?: ConfiguredTransportFactory,
): void {
  // Without a configure factory the group is named in the suite title (CONFIGURED_GROUPS), never run as a test.
  if (configure === undefined) return;
  describe('keep-alive cap', () => {
    let server: Server;
    let origin: string;
    let connections = 0;

    beforeAll(async () => {
      server = createServer((_request, response) => response.end('ok'));
      // Node's server then answers `Keep-Alive: timeout=10`.
      server.keepAliveTimeout = 10_000;
      server.on('connection', () => connections++);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    test('an idle connection is not reused after keepAliveTimeoutMs, even when the server advertises longer', async () => {
      await withConfiguredTransport(
        harness,
        configure,
        { keepAliveTimeoutMs: 200, proxy: false },
        async (transport) => {
          const before = connections;
          const first = await transport.send({ method: 'GET', url: `${origin}/first`, headers: {} });
          expect(first.headers.get('keep-alive')).toMatch(/timeout=10/);
          await first.text();
          await new Promise((resolve) => setTimeout(resolve, 700));
          await (await transport.send({ method: 'GET', url: `${origin}/second`, headers: {} })).text();
          expect(connections - before).toBe(2);
        },
      );
    });
  });
}
