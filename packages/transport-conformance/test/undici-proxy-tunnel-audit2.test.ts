import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { isNetworkError, type NetworkError } from '@meta/errors';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConformanceServers, JSON_DOCUMENT, startConformanceServers } from '../src/index.js';
import { undici } from './undici-module.js';

const PASSWORD = 'pr%40xy%3Apass-s3cret';

/** A CONNECT proxy that tunnels, or (with `cutAfter`) drops both sides once that many bytes came back. */
function startTunnelProxy(): Promise<{
  server: Server;
  url: string;
  tunnels: string[];
  cutAfter: { bytes: number };
  sockets: Set<Socket>;
}> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const cutAfter = { bytes: Number.POSITIVE_INFINITY };
  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connect', (request, client: Socket, head: Buffer) => {
    tunnels.push(String(request.url));
    const [host, port] = String(request.url).split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      client.pipe(upstream);
      let relayed = 0;
      upstream.on('data', (chunk: Buffer) => {
        relayed += chunk.length;
        if (relayed > cutAfter.bytes) {
          upstream.destroy();
          client.destroy();
        } else client.write(chunk);
      });
    });
    for (const socket of [upstream, client]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `127.0.0.1:${(server.address() as AddressInfo).port}`,
        tunnels,
        cutAfter,
        sockets,
      }),
    ),
  );
}

// Round 2 of the audit (session 7): a real CONNECT tunnel to an https origin with the test CA, and a proxy that
// closes the tunnel mid-handshake or mid-body: typed errors without the proxy's credentials, and the next request
// works.
describe('undici transport through a CONNECT proxy (audit 2)', () => {
  let servers: ConformanceServers;
  let proxy: Awaited<ReturnType<typeof startTunnelProxy>>;

  beforeAll(async () => {
    servers = await startConformanceServers();
    proxy = await startTunnelProxy();
  });

  afterAll(async () => {
    // Tunnelled sockets left the HTTP server's bookkeeping at CONNECT: destroy them, or close() waits for them.
    for (const socket of proxy.sockets) socket.destroy();
    proxy.server.closeAllConnections();
    await new Promise((resolve) => proxy.server.close(resolve));
    await servers.close();
  });

  const open = () =>
    createUndiciTransport({
      undici,
      ca: servers.certificates.ca,
      proxy: `http://user:${PASSWORD}@${proxy.url}`,
    });
  const noCredentials = (error: unknown) => {
    const shown = [String(error), JSON.stringify(error), inspect(error, { depth: 8 })].join('\n');
    expect(shown).not.toContain(PASSWORD);
    expect(shown).not.toContain('pr@xy:pass-s3cret');
  };

  test('reaches an https origin through the tunnel, verifying it against the given CA', async () => {
    proxy.cutAfter.bytes = Number.POSITIVE_INFINITY;
    const transport = open();
    try {
      const before = proxy.tunnels.length;
      const response = await transport.send({ method: 'GET', url: `${servers.https}/json`, headers: {} });
      expect(await response.json()).toEqual(JSON_DOCUMENT);
      expect(proxy.tunnels.slice(before)).toEqual([new URL(servers.https).host]);
      const wrongHost = await transport
        .send({ method: 'GET', url: `${servers.httpsWrongHost}/json`, headers: {} })
        .catch((error: unknown) => error);
      expect((wrongHost as NetworkError).code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
      expect((wrongHost as NetworkError).retryable).toBe(false);
    } finally {
      await transport.close();
    }
  });

  test('a tunnel closed during the TLS handshake is a retryable NetworkError before the response', async () => {
    proxy.cutAfter.bytes = 0;
    const transport = open();
    try {
      const error = await transport
        .send({ method: 'GET', url: `${servers.https}/json`, headers: {}, timeoutMs: 5000 })
        .catch((caught: unknown) => caught);
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).beforeResponse).toBe(true);
      noCredentials(error);
      proxy.cutAfter.bytes = Number.POSITIVE_INFINITY;
      const next = await transport.send({ method: 'GET', url: `${servers.https}/json`, headers: {} });
      expect(await next.json()).toEqual(JSON_DOCUMENT);
    } finally {
      await transport.close();
    }
  });

  test('a tunnel closed mid-body fails the read with a NetworkError after the response began', async () => {
    proxy.cutAfter.bytes = 200_000;
    const transport = open();
    try {
      const response = await transport.send({
        method: 'GET',
        url: `${servers.http}/large?bytes=2000000`,
        headers: {},
        timeoutMs: 5000,
      });
      const error = await response.text().catch((caught: unknown) => caught);
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).code).toBe('ECONNRESET');
      expect((error as NetworkError).beforeResponse).toBe(false);
      noCredentials(error);
    } finally {
      proxy.cutAfter.bytes = Number.POSITIVE_INFINITY;
      await transport.close();
    }
  });
});
