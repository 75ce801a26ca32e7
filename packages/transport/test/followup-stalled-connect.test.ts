import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';
import { isTimeoutError, type TimeoutError } from '@meta/errors';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { undici } from './undici-module.js';

/*
 * A connection attempt that stalls (a server that accepts TCP and never answers the TLS ClientHello) must not
 * outlive its attempt (SPEC 3.8), however the attempt ends: the caller's abort as well as the deadline. And a
 * connect timeout names itself: `phase: 'connect'`, the `connectTimeoutMs` that fired, close to that time.
 */

let server: Server;
let origin: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // Read and drop the ClientHello, so the client's close is seen as soon as it happens.
    socket.resume();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

/** Poll `condition` until it holds or `limitMs` passes (a generous bound: the answer is tested, not the time). */
async function eventually(condition: () => boolean, limitMs: number): Promise<boolean> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > limitMs) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

function settle(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
}

describe('a stalled connection attempt', () => {
  test("the caller's abort destroys it at once, long before connectTimeoutMs", async () => {
    const transport = createUndiciTransport({ undici, connectTimeoutMs: 20_000 });
    const controller = new AbortController();
    const sent = settle(
      transport.send({
        method: 'GET',
        url: `${origin}/x`,
        headers: {},
        timeoutMs: 30_000,
        signal: controller.signal,
      }),
    );
    expect(await eventually(() => sockets.size === 1, 5000), 'the client never connected').toBe(true);
    const reason = new Error('caller gave up');
    controller.abort(reason);
    expect(await sent).toBe(reason);
    // The transport stays open: only the abort may have ended the attempt's socket.
    expect(await eventually(() => sockets.size === 0, 1500), 'the stalled socket outlived its attempt').toBe(
      true,
    );
    await transport.close();
  });

  test('an abort leaves an attempt another live request still waits for', async () => {
    const transport = createUndiciTransport({ undici, connectTimeoutMs: 20_000 });
    const first = new AbortController();
    const second = new AbortController();
    const request = { method: 'GET', url: `${origin}/x`, headers: {}, timeoutMs: 30_000 } as const;
    const sentFirst = settle(transport.send({ ...request, signal: first.signal }));
    const sentSecond = settle(transport.send({ ...request, signal: second.signal }));
    expect(await eventually(() => sockets.size >= 1, 5000), 'the client never connected').toBe(true);
    first.abort(new Error('first gave up'));
    await sentFirst;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sockets.size, 'the attempt the second request waits for was destroyed').toBeGreaterThanOrEqual(1);
    second.abort(new Error('second gave up'));
    await sentSecond;
    expect(await eventually(() => sockets.size === 0, 1500), 'the stalled socket outlived its attempts').toBe(
      true,
    );
    await transport.close();
  });

  for (const connectTimeoutMs of [300, 1500]) {
    test(`connectTimeoutMs ${connectTimeoutMs}: a TimeoutError in the connect phase naming ${connectTimeoutMs} ms, fired near it`, async () => {
      const transport = createUndiciTransport({ undici, connectTimeoutMs });
      const started = Date.now();
      const error = await settle(
        transport.send({ method: 'GET', url: `${origin}/x`, headers: {}, timeoutMs: 10_000 }),
      );
      const elapsed = Date.now() - started;
      expect(isTimeoutError(error), String(error)).toBe(true);
      const timeout = error as TimeoutError;
      expect(timeout.phase).toBe('connect');
      expect(timeout.timeoutMs).toBe(connectTimeoutMs);
      expect(timeout.message).toContain(`after ${connectTimeoutMs} ms`);
      // Generous bound: undici's own connect timer ticks every ~500 ms and fired at about 1000 ms for 300 ms.
      expect(elapsed).toBeLessThan(connectTimeoutMs * 2 + 500);
      expect(await eventually(() => sockets.size === 0, 1500), 'the timed-out socket was left open').toBe(
        true,
      );
      await transport.close();
    });
  }

  test("a borrowed dispatcher's own connect timeout is named too (undici's coarse timer decides when)", async () => {
    const dispatcher = new undici.Agent({ connect: { timeout: 300 } });
    const transport = createUndiciTransport({ dispatcher });
    const error = await settle(
      transport.send({ method: 'GET', url: `${origin}/x`, headers: {}, timeoutMs: 10_000 }),
    );
    expect(isTimeoutError(error), String(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('connect');
    expect((error as TimeoutError).timeoutMs).toBe(300);
    await transport.close();
    await (dispatcher as unknown as { destroy(): Promise<void> }).destroy();
  });

  test('the attempt deadline below connectTimeoutMs still names the attempt deadline', async () => {
    const transport = createUndiciTransport({ undici, connectTimeoutMs: 5000 });
    const error = await settle(
      transport.send({ method: 'GET', url: `${origin}/x`, headers: {}, timeoutMs: 300 }),
    );
    expect(isTimeoutError(error), String(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('connect');
    expect((error as TimeoutError).timeoutMs).toBe(300);
    await transport.close();
  });
});
