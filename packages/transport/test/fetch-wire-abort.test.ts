import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { isTimeoutError } from '@meta/errors';
import { createFetchTransport } from '@meta/transport';
import { afterEach, expect, test } from 'vitest';
import { carriesWire, noteWireUse } from '../src/fetch/fetch-wire-trust.js';

/*
 * Once Node's own fetch is known to send through the transport's wire, it is called without a signal (a signal
 * costs fetch about a fifth of a small GET's CPU): the deadline and the caller's abort then stop the connection
 * through the wire. These tests prove the connection really is dropped on that path, on a raw loopback socket.
 */

const OK = 'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}';

interface RawServer {
  readonly origin: string;
  /** Per request path: resolves when the connection that carried it closes. */
  readonly closedByPath: Map<string, Promise<void>>;
  close(): Promise<void>;
}

/** `/ok` answers at once; `/hang` never answers; `/stall` sends headers and 10 of 1000 body bytes, then waits. */
async function startRawServer(): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const closedByPath = new Map<string, Promise<void>>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const closed = once(socket, 'close').then(() => undefined);
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (chunk) => {
      head += chunk.toString('latin1');
      while (head.includes('\r\n\r\n')) {
        const requestLine = head.slice(0, head.indexOf('\r\n'));
        head = head.slice(head.indexOf('\r\n\r\n') + 4);
        closedByPath.set(requestLine.split(' ')[1] ?? '', closed);
        if (requestLine.includes(' /ok ')) socket.write(OK);
        else if (requestLine.includes(' /stall ')) {
          socket.write(
            'HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: 1000\r\n\r\n0123456789',
          );
        }
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    closedByPath,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** 'closed' once the connection that carried `path` closed, or 'open' after a generous wait. */
function connectionOf(server: RawServer, path: string): Promise<'closed' | 'open'> {
  const closed = server.closedByPath.get(path);
  if (closed === undefined) throw new Error(`the server never saw ${path}`);
  return Promise.race([
    closed.then(() => 'closed' as const),
    new Promise<'open'>((resolve) => setTimeout(resolve, 5_000, 'open')),
  ]);
}

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test('after the wire is trusted, a deadline with no response headers drops the connection (no fetch signal)', async () => {
  server = await startRawServer();
  const transport = createFetchTransport();
  // The first answer through the wire establishes that Node's fetch carries it.
  const first = await transport.send({ method: 'GET', url: `${server.origin}/ok`, headers: {} });
  expect(await first.json()).toEqual({});
  expect(carriesWire(globalThis.fetch)).toBe(true);
  const error = await transport
    .send({
      method: 'GET',
      url: `${server.origin}/hang`,
      headers: {},
      timeoutMs: 200,
    })
    .catch((caught: unknown) => caught);
  expect(isTimeoutError(error), String(error)).toBe(true);
  // Nothing but the client can close the connection the hanging request went out on.
  expect(await connectionOf(server, '/hang')).toBe('closed');
});

test('after the wire is trusted, the caller aborting mid-body rejects with its reason and drops the connection', async () => {
  server = await startRawServer();
  const transport = createFetchTransport();
  await (await transport.send({ method: 'GET', url: `${server.origin}/ok`, headers: {} })).json();
  const controller = new AbortController();
  const response = await transport.send({
    method: 'GET',
    url: `${server.origin}/stall`,
    headers: {},
    signal: controller.signal,
  });
  const reading = response.bytes().catch((caught: unknown) => caught);
  const reason = new Error('caller gave up');
  controller.abort(reason);
  expect(await reading).toBe(reason);
  expect(await connectionOf(server, '/stall')).toBe('closed');
});

test('a patched global fetch (an interceptor) that answers without the wire still gets a signal, aborted at the deadline', async () => {
  const platformFetch = globalThis.fetch;
  const signals: (AbortSignal | null | undefined)[] = [];
  const patched: typeof fetch = (_input, init) => {
    signals.push(init?.signal);
    return new Promise<Response>(() => undefined);
  };
  globalThis.fetch = patched;
  try {
    const error = await createFetchTransport()
      .send({ method: 'GET', url: 'http://api.test/never', headers: {}, timeoutMs: 100 })
      .catch((caught: unknown) => caught);
    expect(isTimeoutError(error), String(error)).toBe(true);
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  } finally {
    globalThis.fetch = platformFetch;
  }
});

test('a fetch that once answered without the wire is never trusted again, even after answers through it', () => {
  const interceptor = () => undefined;
  expect(carriesWire(interceptor)).toBe(false);
  noteWireUse(interceptor, true);
  expect(carriesWire(interceptor)).toBe(true);
  noteWireUse(interceptor, false);
  expect(carriesWire(interceptor)).toBe(false);
  noteWireUse(interceptor, true);
  expect(carriesWire(interceptor)).toBe(false);
});
