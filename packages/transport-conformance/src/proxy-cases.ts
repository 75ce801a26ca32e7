import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isNetworkError, type NetworkError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ConfiguredTransportFactory,
  type ConformanceTransportSettings,
  withConfiguredTransport,
} from './configured-transport.js';
import type { ConformanceHarness } from './conformance-harness.js';

const PROXY_PASSWORD = 'proxy-s3cret-value';
const PROXY_VARIABLES = [
  'http_proxy',
  'HTTP_PROXY',
  'https_proxy',
  'HTTPS_PROXY',
  'no_proxy',
  'NO_PROXY',
] as const;

/** The error `send` rejects with, or undefined when it resolved. */
function failure(transport: Transport, url: string): Promise<unknown> {
  return transport.send({ method: 'GET', url, headers: {}, timeoutMs: 5000 }).then(
    async (response) => void (await response.text()),
    (caught: unknown) => caught,
  );
}

/**
 * Proxies (SPEC 3.6, 3.8 v2): a proxy refusing the tunnel is `NetworkError` `ERR_PROXY_TUNNEL` with the proxy's
 * status, not retryable, asked once and with its credentials in no error; `HTTP(S)_PROXY`/`NO_PROXY` are honoured
 * by default, in either case, and `proxy: false` ignores them.
 */
export function registerProxyCases(
  harness: ConformanceHarness,
  configure?: ConfiguredTransportFactory,
): void {
  // Without a configure factory the group is named in the suite title (CONFIGURED_GROUPS), never run as a test.
  if (configure === undefined) return;
  describe('proxies', () => {
    let proxy: Server;
    let proxyHost: string;
    let tunnels = 0;
    const saved = new Map<string, string | undefined>();

    beforeAll(async () => {
      proxy = createServer((_request, response) => response.writeHead(405).end());
      proxy.on('connect', (_request, socket) => {
        tunnels++;
        socket.end(
          'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic\r\nContent-Length: 0\r\n\r\n',
        );
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      proxyHost = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      for (const name of PROXY_VARIABLES) saved.set(name, process.env[name]);
    });

    afterAll(async () => {
      restoreEnvironment(saved);
      proxy.closeAllConnections();
      await new Promise((resolve) => proxy.close(resolve));
    });

    async function withProxyEnvironment<T>(
      variables: Record<string, string>,
      work: () => Promise<T>,
    ): Promise<T> {
      for (const name of PROXY_VARIABLES) delete process.env[name];
      Object.assign(process.env, variables);
      try {
        return await work();
      } finally {
        restoreEnvironment(saved);
      }
    }

    function open(settings: ConformanceTransportSettings, use: (transport: Transport) => Promise<void>) {
      return withConfiguredTransport(harness, configure!, settings, use);
    }

    test('a proxy answering 407 to CONNECT is ERR_PROXY_TUNNEL with proxyStatus 407, not retryable, asked once', async () => {
      const before = tunnels;
      await open({ proxy: `http://user:${PROXY_PASSWORD}@${proxyHost}` }, async (transport) => {
        const error = await failure(transport, `${harness.servers().https}/json`);
        expect(isNetworkError(error), String(error)).toBe(true);
        const refused = error as NetworkError;
        expect(refused.code).toBe('ERR_PROXY_TUNNEL');
        expect(refused.proxyStatus).toBe(407);
        expect(refused.retryable).toBe(false);
        expect(`${refused.message} ${JSON.stringify(refused)}`).not.toContain(PROXY_PASSWORD);
      });
      expect(tunnels - before).toBe(1);
    });

    test('a lower-case https_proxy variable is honoured by default', async () => {
      const before = tunnels;
      await withProxyEnvironment({ https_proxy: `http://user:${PROXY_PASSWORD}@${proxyHost}` }, () =>
        open({}, async (transport) => {
          const error = await failure(transport, `${harness.servers().https}/json`);
          expect((error as NetworkError).code, String(error)).toBe('ERR_PROXY_TUNNEL');
          expect(String(error)).not.toContain(PROXY_PASSWORD);
        }),
      );
      expect(tunnels - before).toBe(1);
    });

    test('NO_PROXY naming the host bypasses HTTPS_PROXY, and proxy: false ignores the variables', async () => {
      const before = tunnels;
      const variables = { HTTPS_PROXY: `http://${proxyHost}`, HTTP_PROXY: `http://${proxyHost}` };
      await withProxyEnvironment({ ...variables, NO_PROXY: '127.0.0.1' }, () =>
        open({}, async (transport) =>
          expect(await failure(transport, `${harness.servers().https}/json`)).toBeUndefined(),
        ),
      );
      await withProxyEnvironment(variables, () =>
        open({ proxy: false }, async (transport) =>
          expect(await failure(transport, `${harness.servers().https}/json`)).toBeUndefined(),
        ),
      );
      expect(tunnels - before).toBe(0);
    });
  });
}

function restoreEnvironment(saved: ReadonlyMap<string, string | undefined>): void {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
