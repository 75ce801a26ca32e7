import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { isTimeoutError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { undici } from './undici-module.js';

/*
 * undici 7 opens a new connection after a started request is aborted (the aborted request stays in its queue
 * until a socket is up, and only then is dropped; undici 8 does not). Every deadline, abort or cancel during headers or body
 * therefore left one fresh idle socket to the same server, kept until the keep-alive timeout (a stalled TLS
 * server: until connectTimeoutMs). 100 timed-out slowloris responses left 100 sockets behind. The transport now
 * refuses a connection attempt while no live exchange is queued; a live queued request still gets its connection.
 */

let server: Server;
let origin: string;
const open = new Set<Socket>();
let connections = 0;
let requestsSeen = 0;

beforeAll(async () => {
  server = createServer((socket) => {
    connections++;
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
    let answered = false;
    socket.on('data', (chunk) => {
      if (answered) return;
      answered = true;
      requestsSeen++;
      const path = chunk.toString('latin1').split(' ')[1] ?? '';
      if (path.startsWith('/stall')) return;
      if (path.startsWith('/fast')) {
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
        answered = false;
        return;
      }
      // A slowloris body: one byte every 50 ms of a body announced as 100,000 bytes.
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 100000\r\n\r\n');
      const drip = setInterval(() => socket.write('x'), 50);
      socket.on('close', () => clearInterval(drip));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const socket of open) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

let transport: Transport | undefined;
afterEach(async () => {
  await transport?.close();
  transport = undefined;
  for (const socket of open) socket.destroy();
});

/** Poll until `condition` holds or `limitMs` passes (a generous bound: the answer is tested, not the time). */
async function eventually(condition: () => boolean, limitMs = 5000): Promise<boolean> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Connections the server saw that never carried a request, after the client side had time to open them. */
async function idleConnectionsAfterSettling(): Promise<number> {
  // undici reconnects from a socket's 'close' handler: give it several turns and a little time.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return connections - requestsSeen;
}

function resetCounts(): void {
  connections = 0;
  requestsSeen = 0;
}

test('50 concurrent slow bodies cut by the deadline close their sockets and open no new ones', async () => {
  resetCounts();
  transport = createUndiciTransport({ undici });
  const results = await Promise.all(
    Array.from({ length: 50 }, (_, index) =>
      transport!
        .send({ method: 'GET', url: `${origin}/slow/${index}`, headers: {}, timeoutMs: 400 })
        .then((response) => response.text())
        .then(
          () => 'resolved',
          (error: unknown) => (isTimeoutError(error) ? error.phase : String(error)),
        ),
    ),
  );
  expect(new Set(results)).toEqual(new Set(['body']));
  expect(await idleConnectionsAfterSettling()).toBe(0);
  expect(await eventually(() => open.size === 0)).toBe(true);
  expect(connections).toBe(50);
}, 20_000);

test('a caller abort while waiting for headers opens no new connection', async () => {
  resetCounts();
  transport = createUndiciTransport({ undici });
  const controller = new AbortController();
  const calls = Array.from({ length: 10 }, (_, index) =>
    transport!
      .send({ method: 'GET', url: `${origin}/stall/${index}`, headers: {}, signal: controller.signal })
      .catch((error: unknown) => error),
  );
  expect(await eventually(() => requestsSeen === 10)).toBe(true);
  const reason = new Error('job cancelled');
  controller.abort(reason);
  for (const error of await Promise.all(calls)) expect(error).toBe(reason);
  expect(await idleConnectionsAfterSettling()).toBe(0);
  expect(await eventually(() => open.size === 0)).toBe(true);
}, 20_000);

test('cancel() of a body mid-stream opens no new connection', async () => {
  resetCounts();
  transport = createUndiciTransport({ undici });
  const responses = await Promise.all(
    Array.from({ length: 10 }, (_, index) =>
      transport!.send({ method: 'GET', url: `${origin}/slow/${index}`, headers: {}, timeoutMs: 10_000 }),
    ),
  );
  await Promise.all(responses.map((response) => response.cancel()));
  expect(await idleConnectionsAfterSettling()).toBe(0);
  expect(await eventually(() => open.size === 0)).toBe(true);
}, 20_000);

test('a live request queued behind a timed-out one still gets a new connection', async () => {
  resetCounts();
  transport = createUndiciTransport({ undici, connections: 1 });
  const slow = transport
    .send({ method: 'GET', url: `${origin}/slow/first`, headers: {}, timeoutMs: 300 })
    .then((response) => response.text())
    .catch((error: unknown) => error);
  const queued = transport
    .send({ method: 'GET', url: `${origin}/fast/second`, headers: {}, timeoutMs: 10_000 })
    .then((response) => response.text());
  expect(isTimeoutError(await slow)).toBe(true);
  expect(await queued).toBe('ok');
  expect(connections).toBe(2);
}, 20_000);

test('a request sent in the turns right after an abort still gets its connection, never the refusal', async () => {
  resetCounts();
  transport = createUndiciTransport({ undici, connections: 1 });
  const failures: unknown[] = [];
  for (let trial = 0; trial < 40; trial++) {
    const controller = new AbortController();
    const response = await transport.send({
      method: 'GET',
      url: `${origin}/slow/${trial}`,
      headers: {},
      signal: controller.signal,
    });
    const reading = response.text().catch(() => undefined);
    controller.abort(new Error('gave up'));
    await reading;
    // 0-7 turns of the event loop: somewhere in there undici asks for a connection for the aborted request.
    for (let turn = 0; turn < trial % 8; turn++) await new Promise((resolve) => setImmediate(resolve));
    const next = await transport
      .send({ method: 'GET', url: `${origin}/fast/${trial}`, headers: {}, timeoutMs: 10_000 })
      .then((followUp) => followUp.text())
      .catch((error: unknown) => error);
    if (next !== 'ok') failures.push(next);
  }
  expect(failures).toEqual([]);
}, 30_000);
