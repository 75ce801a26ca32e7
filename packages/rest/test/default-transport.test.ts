import { createServer, request as httpRequest, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy'];
const savedEnvironment = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));

let target: LoopbackServer;

beforeAll(async () => {
  target = await startLoopbackServer();
  target.route = (request, response) => sendJson(response, 200, { path: request.path });
});

afterAll(() => target.close());

afterEach(() => {
  for (const name of PROXY_VARIABLES) {
    if (savedEnvironment[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnvironment[name];
  }
  vi.doUnmock('@meta/transport/undici');
  vi.resetModules();
});

/** A forward proxy on 127.0.0.1:0 that records what it carried: CONNECT tunnels and absolute-form requests. */
async function startProxy(): Promise<{ origin: string; carried: string[]; close(): Promise<void> }> {
  const carried: string[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    carried.push(`${incoming.method} ${incoming.url}`);
    const upstream = httpRequest(
      incoming.url!,
      { method: incoming.method, headers: incoming.headers },
      (reply) => {
        outgoing.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  server.on('connect', (incoming, socket) => {
    carried.push(`CONNECT ${incoming.url}`);
    const [host, port] = String(incoming.url).split(':');
    const upstream = connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    carried,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

test('the Node default transport loads undici on the first request, not when the client is created', async () => {
  let loads = 0;
  vi.doMock('@meta/transport/undici', async () => {
    loads++;
    return vi.importActual('@meta/transport/undici');
  });
  const { REST } = await import('../src/index.js');
  const rest = new REST({ baseUrl: `${target.origin}/api` });
  // Give an eager dynamic import every chance to run before looking.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(loads).toBe(0);
  await expect(rest.get('/tables')).resolves.toEqual({ path: '/api/v1/tables' });
  await expect(rest.get('/tables')).resolves.toEqual({ path: '/api/v1/tables' });
  expect(loads).toBe(1);
  await rest.close();
});

test('a client closed before its first request never loads undici, and then refuses to send', async () => {
  let loads = 0;
  vi.doMock('@meta/transport/undici', async () => {
    loads++;
    return vi.importActual('@meta/transport/undici');
  });
  const { REST } = await import('../src/index.js');
  const rest = new REST({ baseUrl: `${target.origin}/api` });
  await rest.close();
  await expect(rest.get('/tables')).rejects.toMatchObject({ name: 'ClientClosedError' });
  expect(loads).toBe(0);
});

test('the Node default transport honours HTTP_PROXY, and NO_PROXY bypasses it', async () => {
  const proxy = await startProxy();
  try {
    for (const name of PROXY_VARIABLES) delete process.env[name];
    process.env.HTTP_PROXY = proxy.origin;
    const { REST } = await import('../src/index.js');
    const proxied = new REST({ baseUrl: `${target.origin}/api`, retry: 0 });
    await expect(proxied.get('/via-proxy')).resolves.toEqual({ path: '/api/v1/via-proxy' });
    await proxied.close();
    const targetHost = target.origin.slice('http://'.length);
    expect(proxy.carried.some((line) => line.includes(targetHost))).toBe(true);

    const carriedBefore = proxy.carried.length;
    process.env.NO_PROXY = '127.0.0.1';
    const direct = new REST({ baseUrl: `${target.origin}/api`, retry: 0 });
    await expect(direct.get('/direct')).resolves.toEqual({ path: '/api/v1/direct' });
    await direct.close();
    expect(proxy.carried.length).toBe(carriedBefore);
  } finally {
    await proxy.close();
  }
});
