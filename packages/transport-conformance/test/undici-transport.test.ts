import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import { ClientClosedError, ConfigError, isNetworkError, type NetworkError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { createUndiciTransport, type UndiciDispatcher } from '@meta/transport/undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConformanceServers, JSON_DOCUMENT, startConformanceServers } from '../src/index.js';
import { undici } from './undici-module.js';

/**
 * A forward proxy that records the target host of every request it carries: CONNECT tunnels (undici 7's
 * ProxyAgent tunnels every target) and absolute-form requests (undici 8 sends plain `http:` targets that way).
 */
function startProxy(): Promise<{ server: Server; url: string; tunnels: string[]; sockets: Set<Socket> }> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const target = new URL(request.url ?? '');
    tunnels.push(target.host);
    const upstream = httpRequest(target, { method: request.method, headers: request.headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  server.on('connect', (request, clientSocket: Socket, head: Buffer) => {
    tunnels.push(request.url ?? '');
    const [host, port] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(clientSocket);
      clientSocket.pipe(upstream);
    });
    for (const socket of [upstream, clientSocket]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        tunnels,
        sockets,
      }),
    ),
  );
}

describe('undici transport options', () => {
  let servers: ConformanceServers;
  let proxy: Awaited<ReturnType<typeof startProxy>>;
  const transports: Transport[] = [];
  const open = (options: Parameters<typeof createUndiciTransport>[0] = {}) => {
    const transport = createUndiciTransport({ undici, ...options });
    transports.push(transport);
    return transport;
  };
  const get = (transport: Transport, url: string) => transport.send({ method: 'GET', url, headers: {} });

  beforeAll(async () => {
    servers = await startConformanceServers();
    proxy = await startProxy();
  });

  afterAll(async () => {
    await Promise.all(transports.map((transport) => transport.close()));
    for (const socket of proxy.sockets) socket.destroy();
    await new Promise((resolve) => proxy.server.close(resolve));
    await servers.close();
  });

  test('never closes a dispatcher it was given', async () => {
    const agent = new undici.Agent() as unknown as UndiciDispatcher;
    const first = createUndiciTransport({ dispatcher: agent });
    expect(await (await get(first, `${servers.http}/json`)).json()).toEqual(JSON_DOCUMENT);
    await first.close();
    const second = createUndiciTransport({ dispatcher: agent });
    expect(await (await get(second, `${servers.http}/json`)).json()).toEqual(JSON_DOCUMENT);
    await agent.close();
  });

  test('refuses pool, TLS and proxy options next to a given dispatcher, naming the field', () => {
    const agent = new undici.Agent() as unknown as UndiciDispatcher;
    const error = (() => {
      try {
        createUndiciTransport({ dispatcher: agent, rejectUnauthorized: false });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).field).toBe('rejectUnauthorized');
    return agent.close();
  });

  test('refuses a bad proxy URL without repeating it, and a non-positive connect timeout', () => {
    expect(() => createUndiciTransport({ proxy: 'not a url with s3cret' })).toThrow(ConfigError);
    expect(() => createUndiciTransport({ proxy: 'not a url with s3cret' })).not.toThrow(/s3cret/);
    expect(() => createUndiciTransport({ connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs/);
  });

  test('rejectUnauthorized: false affects its own transport only, never the process', async () => {
    const lenient = open({ rejectUnauthorized: false });
    expect((await get(lenient, `${servers.httpsSelfSigned}/json`)).status).toBe(200);
    const strict = open();
    const error = await get(strict, `${servers.httpsSelfSigned}/json`).catch((caught: unknown) => caught);
    expect(isNetworkError(error)).toBe(true);
    expect((error as NetworkError).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(process.env.NODE_TLS_REJECT_UNAUTHORIZED).toBeUndefined();
    await expect(fetch(`${servers.httpsSelfSigned}/json`)).rejects.toThrow();
  });

  test('sends every request through an explicit proxy', async () => {
    const transport = open({ proxy: proxy.url });
    const before = proxy.tunnels.length;
    expect(await (await get(transport, `${servers.http}/json`)).json()).toEqual(JSON_DOCUMENT);
    expect(proxy.tunnels.slice(before)).toEqual([new URL(servers.http).host]);
  });

  test('follows HTTP_PROXY by default (proxy "env") and ignores it with proxy: false', async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
    process.env.HTTP_PROXY = proxy.url;
    delete process.env.NO_PROXY;
    let fromEnv: Transport;
    let ignoring: Transport;
    try {
      fromEnv = open();
      ignoring = open({ proxy: false });
    } finally {
      if (saved.HTTP_PROXY === undefined) delete process.env.HTTP_PROXY;
      else process.env.HTTP_PROXY = saved.HTTP_PROXY;
      if (saved.NO_PROXY !== undefined) process.env.NO_PROXY = saved.NO_PROXY;
    }
    const before = proxy.tunnels.length;
    await (await get(ignoring, `${servers.http}/json`)).text();
    expect(proxy.tunnels.length).toBe(before);
    await (await get(fromEnv, `${servers.http}/json`)).text();
    expect(proxy.tunnels.length).toBe(before + 1);
  });

  test('rejects requests after close() with ClientClosedError', async () => {
    const transport = createUndiciTransport({ undici });
    await transport.close();
    await expect(get(transport, `${servers.http}/json`)).rejects.toBeInstanceOf(ClientClosedError);
  });
});
