import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { isClientClosedError } from '@meta/errors';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createUndiciTransport } from '../src/undici/index.js';
import { undici } from './undici-module.js';

let server: Server;
let origin: string;
let peak = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((request, response) => setTimeout(() => response.end(request.url), 100));
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    peak = Math.max(peak, sockets.size);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

// Round 2 of the audit (session 7): the undici transport's close() is graceful (README): exchanges on the wire
// AND those queued behind them for a free connection finish; new ones are refused at once; nothing stays open.
test('close() with requests in flight and queued lets all of them finish, refuses new ones, leaves no socket', async () => {
  const transport = createUndiciTransport({ undici, connections: 2, proxy: false });
  const paths = Array.from({ length: 6 }, (_, index) => `/item/${index}`);
  const answers = paths.map((path) =>
    transport
      .send({ method: 'GET', url: `${origin}${path}`, headers: {}, timeoutMs: 10_000 })
      .then((r) => r.text()),
  );
  await new Promise((resolve) => setTimeout(resolve, 30)); // two on the wire, four queued
  const closing = transport.close();
  const refused = await transport
    .send({ method: 'GET', url: `${origin}/late`, headers: {} })
    .catch((error: unknown) => error);
  expect(isClientClosedError(refused), String(refused)).toBe(true);
  expect(await Promise.all(answers)).toEqual(paths);
  await closing;
  await expect(transport.close()).resolves.toBeUndefined();
  expect(peak).toBeLessThanOrEqual(2);
  const deadline = Date.now() + 5000;
  while (sockets.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(sockets.size).toBe(0);
});
