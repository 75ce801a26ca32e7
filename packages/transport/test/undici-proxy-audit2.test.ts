import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { inspect } from 'node:util';
import { isNetworkError, isTimeoutError, type NetworkError, type TimeoutError } from '@meta/errors';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { environmentProxies } from '../src/undici/environment-proxy.js';
import { createUndiciTransport } from '../src/undici/index.js';
import { undici } from './undici-module.js';

const VARIABLES = ['http_proxy', 'HTTP_PROXY', 'https_proxy', 'HTTPS_PROXY', 'no_proxy', 'NO_PROXY'];
const saved = new Map(VARIABLES.map((name) => [name, process.env[name]]));

function setEnvironment(variables: Record<string, string>): void {
  for (const name of VARIABLES) delete process.env[name];
  Object.assign(process.env, variables);
}

afterEach(() => {
  for (const [name, value] of saved) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const bypasses = (noProxy: string, url: string) =>
  environmentProxies({ NO_PROXY: noProxy }).bypass(new URL(url));

describe('NO_PROXY forms, read as Python requests reads them (audit 2)', () => {
  test.each([
    ['*', 'https://anything.example/', true],
    ['localhost, *', 'https://anything.example/', true],
    ['example.com', 'https://example.com/', true],
    ['example.com', 'https://api.example.com/', true],
    ['example.com', 'https://notexample.com/', false],
    ['.example.com', 'https://api.example.com/', true],
    ['*.example.com', 'https://api.example.com/', true],
    ['EXAMPLE.com', 'https://Api.Example.COM/', true],
    ['example.com:8443', 'https://example.com:8443/', true],
    ['example.com:8443', 'https://example.com/', false],
    ['example.com:443', 'https://example.com/', true],
    ['10.1.2.3', 'http://10.1.2.3:8080/', true],
    ['10.1.2.3', 'http://10.1.2.30/', false],
    ['10.0.0.0/8', 'http://10.200.3.4/', true],
    ['10.0.0.0/8', 'http://11.0.0.1/', false],
    ['192.168.0.0/33', 'http://192.168.0.1/', false],
    ['::1', 'http://[::1]:8080/', true],
    ['[::1]', 'http://[::1]/', true],
    ['[::1]:8080', 'http://[::1]:8080/', true],
    ['[::1]:8080', 'http://[::1]:9090/', false],
    ['fd00::/8', 'http://[fd12::5]/', true],
    [' a.test ,  b.test\tc.test ', 'http://c.test/', true],
    ['', 'http://c.test/', false],
  ])('NO_PROXY=%j for %s bypasses: %s', (noProxy, url, expected) => {
    expect(bypasses(noProxy, url)).toBe(expected);
  });

  test('each scheme uses its own variable only, lower case first, an empty lower-case one meaning none', () => {
    expect(environmentProxies({ HTTP_PROXY: 'http://p:1' })).toMatchObject({
      http: 'http://p:1',
      https: undefined,
    });
    expect(environmentProxies({ https_proxy: 'http://low:1', HTTPS_PROXY: 'http://up:1' }).https).toBe(
      'http://low:1',
    );
    expect(environmentProxies({ http_proxy: '', HTTP_PROXY: 'http://up:1' }).http).toBeUndefined();
    expect(environmentProxies({ HTTPS_PROXY: 'proxy.corp:3128' }).https).toBe('http://proxy.corp:3128');
  });
});

describe('the undici transport with proxies from the environment (audit 2, real loopback)', () => {
  let proxy: Server;
  let proxyHost: string;
  let tunnels = 0;
  let target: Server;
  let targetOrigin: string;
  let silent: ReturnType<typeof createServer>;
  let silentPort: number;
  const silentSockets = new Set<Socket>();

  beforeAll(async () => {
    proxy = createHttpServer((_request, response) => response.writeHead(405).end());
    proxy.on('connect', (request, client: Socket) => {
      tunnels++;
      if (request.headers['proxy-authorization'] !== undefined) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const [host, port] = String(request.url).split(':');
      const upstream = connect(Number(port), host!, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    target = createHttpServer((_request, response) => response.end('direct-or-tunnelled'));
    silent = createServer((socket) => {
      silentSockets.add(socket);
      socket.on('close', () => silentSockets.delete(socket));
      socket.on('error', () => socket.destroy());
      // Read (and drop) the ClientHello, so the client's close is seen as soon as it happens.
      socket.resume();
    });
    for (const server of [proxy, target, silent]) {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    }
    proxyHost = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    targetOrigin = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    silentPort = (silent.address() as AddressInfo).port;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    target.closeAllConnections();
    for (const socket of silentSockets) socket.destroy();
    await Promise.all(
      [proxy, target, silent].map((server) => new Promise((resolve) => server.close(resolve))),
    );
  });

  const get = (url: string, timeoutMs = 5000) => ({ method: 'GET', url, headers: {}, timeoutMs });

  test('HTTP_PROXY carries http: URLs and never https: ones (requests uses HTTPS_PROXY only for https:)', async () => {
    setEnvironment({ HTTP_PROXY: `http://${proxyHost}` });
    const transport = createUndiciTransport({ undici, connectTimeoutMs: 10_000 });
    try {
      const before = tunnels;
      expect(await (await transport.send(get(`${targetOrigin}/`))).text()).toBe('direct-or-tunnelled');
      expect(tunnels - before).toBe(1);
      // Straight to the silent server: the handshake stalls and is destroyed at the deadline, no tunnel asked.
      const error = await transport
        .send(get(`https://127.0.0.1:${silentPort}/`, 300))
        .catch((caught) => caught);
      expect(isTimeoutError(error), String(error)).toBe(true);
      expect((error as TimeoutError).phase).toBe('connect');
      expect(tunnels - before).toBe(1);
    } finally {
      await transport.close();
    }
  });

  test('a host NO_PROXY bypasses connects through the transport own connector: a stalled handshake dies at the deadline', async () => {
    setEnvironment({ HTTPS_PROXY: `http://${proxyHost}`, NO_PROXY: '127.0.0.1' });
    const transport = createUndiciTransport({ undici, connectTimeoutMs: 10_000 });
    try {
      const before = tunnels;
      const started = Date.now();
      const error = await transport
        .send(get(`https://127.0.0.1:${silentPort}/`, 300))
        .catch((caught) => caught);
      expect((error as TimeoutError).phase, String(error)).toBe('connect');
      // Without the tracked connector the attempt would live until connectTimeoutMs (10 s).
      const gone = await new Promise<boolean>((resolve) => {
        const poll = setInterval(() => {
          if (silentSockets.size === 0) resolve(true);
          else if (Date.now() - started > 5000) resolve(false);
          else return;
          clearInterval(poll);
        }, 20);
      });
      expect(gone).toBe(true);
      expect(tunnels - before).toBe(0);
    } finally {
      await transport.close();
    }
  });

  test('percent-encoded proxy credentials never appear in the error, its cause, JSON or inspection', async () => {
    const password = 'p%40ss%3Aw0rd-secret';
    setEnvironment({ HTTP_PROXY: `http://us%40er:${password}@${proxyHost}` });
    const transport = createUndiciTransport({ undici });
    try {
      const error = await transport.send(get(`${targetOrigin}/`)).catch((caught) => caught);
      expect(isNetworkError(error), String(error)).toBe(true);
      expect((error as NetworkError).code).toBe('ERR_PROXY_TUNNEL');
      expect((error as NetworkError).proxyStatus).toBe(407);
      const shown = [
        String(error),
        JSON.stringify(error),
        inspect(error, { depth: 8 }),
        String((error as Error).cause),
      ];
      for (const text of shown) {
        expect(text).not.toContain(password);
        expect(text).not.toContain('p@ss:w0rd-secret');
      }
    } finally {
      await transport.close();
    }
  });
});
