import { createServer, type Server, type Socket } from 'node:net';
import { isClientClosedError } from '@meta/errors';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { rejectionOf } from './hardening/clients.js';

// Session 6 audit (SPEC 3.7): after close() no socket remains, even one stuck in a TLS handshake that never
// ends. REST's own (undici) transport is the one close() closes; the connect timeout here is far longer than the
// generous bound the tests wait for, so only a socket destroyed by close() passes.

const CONNECT_TIMEOUT_MS = 60_000;
const SOCKET_CLOSE_BOUND_MS = 5_000;

/** A TCP server that accepts and reads, but never says a word of TLS: every handshake stalls. */
interface SilentServer {
  readonly origin: string;
  readonly open: Set<Socket>;
  accepted: number;
}

let server: Server;
let silent: SilentServer;

beforeEach(async () => {
  const open = new Set<Socket>();
  server = createServer((socket) => {
    silent.accepted++;
    open.add(socket);
    socket.resume();
    socket.on('error', () => {});
    socket.on('close', () => open.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  silent = { origin: `https://127.0.0.1:${port}`, open, accepted: 0 };
});

afterEach(async () => {
  for (const socket of silent.open) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function until(condition: () => boolean, boundMs: number): Promise<boolean> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > boundMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

function stalledClient(): REST {
  return new REST({
    baseUrl: `${silent.origin}/api`,
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    timeoutMs: CONNECT_TIMEOUT_MS,
    retry: 0,
  });
}

test('close({ force: true }) during a stalled TLS handshake leaves no socket open', async () => {
  const rest = stalledClient();
  const call = rejectionOf(rest.get('/tables'));
  expect(await until(() => silent.accepted === 1, SOCKET_CLOSE_BOUND_MS)).toBe(true);
  await rest.close({ force: true });
  expect(isClientClosedError(await call)).toBe(true);
  expect(await until(() => silent.open.size === 0, SOCKET_CLOSE_BOUND_MS)).toBe(true);
});

test('a call aborted during a stalled TLS handshake leaves no socket once the client is closed', async () => {
  const rest = stalledClient();
  const controller = new AbortController();
  const call = rejectionOf(rest.get('/tables', undefined, { signal: controller.signal }));
  expect(await until(() => silent.accepted === 1, SOCKET_CLOSE_BOUND_MS)).toBe(true);
  const reason = new Error('the caller gave up');
  controller.abort(reason);
  expect(await call).toBe(reason);
  await rest.close();
  expect(await until(() => silent.open.size === 0, SOCKET_CLOSE_BOUND_MS)).toBe(true);
});
