import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { undici } from './undici-module.js';

/*
 * A long-lived transport talking to many origins in turn (a crawler, a client per tenant) must not keep a pool or
 * a connection per origin it ever saw: each idle connection goes after `keepAliveTimeoutMs`, and with it undici's
 * pool for that origin, so nothing grows with the number of servers.
 */

const ORIGINS = 300;
const servers: Server[] = [];
const open = new Set<Socket>();

beforeAll(async () => {
  for (let index = 0; index < ORIGINS; index++) {
    const server = createServer((_request, response) => response.end('ok'));
    server.on('connection', (socket: Socket) => {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    servers.push(server);
  }
  await Promise.all(
    servers.map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))),
  );
}, 30_000);

afterAll(async () => {
  for (const socket of open) socket.destroy();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

test('a transport that talked to 300 origins in turn keeps no connection once they idled past keepAliveTimeoutMs', async () => {
  const transport = createUndiciTransport({ undici, keepAliveTimeoutMs: 300 });
  try {
    for (const server of servers) {
      const port = (server.address() as AddressInfo).port;
      const response = await transport.send({
        method: 'GET',
        url: `http://127.0.0.1:${port}/`,
        headers: {},
        timeoutMs: 10_000,
      });
      expect(await response.text()).toBe('ok');
    }
    // The last origins' connections are still within their keep-alive time; all of them go within a bound.
    const deadline = Date.now() + 10_000;
    while (open.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(open.size).toBe(0);
  } finally {
    await transport.close();
  }
}, 30_000);
