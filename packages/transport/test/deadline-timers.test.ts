import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isTimeoutError } from '@meta/errors';
import type { Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterEach, expect, test, vi } from 'vitest';
import { DeadlinePool, type DeadlineTarget } from '../src/undici/deadline-timers.js';
import { type RawServer, startRawServer } from './raw-server.js';
import { undici } from './undici-module.js';

// The undici transport reuses its deadline timers (`refresh()` on an idle one) instead of a new `setTimeout` and a
// `clearTimeout` per exchange. What must hold whatever the reuse: a deadline always fires from its own start, an
// idle timer never fires anything nor keeps the process alive, and fake timers are honoured when installed.

function target(): DeadlineTarget & { fired: number } {
  return {
    fired: 0,
    deadlinePassed() {
      this.fired++;
    },
  };
}

afterEach(() => {
  vi.useRealTimers();
});

test('a reused deadline timer fires for its new exchange, counted from the new start, and never for the old one', () => {
  vi.useFakeTimers();
  const pool = new DeadlinePool();
  const first = target();
  const firstDeadline = pool.arm(first, 1000);
  vi.advanceTimersByTime(600);
  pool.disarm(firstDeadline);
  const second = target();
  const secondDeadline = pool.arm(second, 1000);
  expect(secondDeadline).toBe(firstDeadline);
  // 1000 ms after the first start: nothing fires, neither the settled exchange nor the new one (started at 600).
  vi.advanceTimersByTime(999);
  expect([first.fired, second.fired]).toEqual([0, 0]);
  vi.advanceTimersByTime(1);
  expect([first.fired, second.fired]).toEqual([0, 1]);
  // A timer that fired goes back to the pool and arms again.
  const third = target();
  expect(pool.arm(third, 1000)).toBe(firstDeadline);
  vi.advanceTimersByTime(1000);
  expect(third.fired).toBe(1);
});

test('an idle deadline timer fires nothing, and a pool keeps only timers of the delay they were made for', () => {
  vi.useFakeTimers();
  const pool = new DeadlinePool();
  const settled = target();
  const deadline = pool.arm(settled, 500);
  pool.disarm(deadline);
  vi.advanceTimersByTime(10_000);
  expect(settled.fired).toBe(0);
  const other = target();
  expect(pool.arm(other, 700)).not.toBe(deadline);
  vi.advanceTimersByTime(700);
  expect(other.fired).toBe(1);
});

test('after close() a settling exchange clears its timer instead of keeping it, and idle ones are cleared', () => {
  vi.useFakeTimers();
  const pool = new DeadlinePool();
  const idle = pool.arm(target(), 1000);
  pool.disarm(idle);
  const running = pool.arm(target(), 2000);
  expect(vi.getTimerCount()).toBe(2);
  pool.close();
  expect(vi.getTimerCount()).toBe(1);
  pool.disarm(running);
  expect(vi.getTimerCount()).toBe(0);
});

test('installing or removing fake timers drops the idle timers: a deadline runs on the clock in use when it is armed', () => {
  const pool = new DeadlinePool();
  const realDeadline = pool.arm(target(), 1000);
  pool.disarm(realDeadline);
  vi.useFakeTimers();
  const underFake = target();
  const fakeDeadline = pool.arm(underFake, 1000);
  expect(fakeDeadline).not.toBe(realDeadline);
  vi.advanceTimersByTime(1000);
  expect(underFake.fired).toBe(1);
  vi.useRealTimers();
  // The fake timer left in the pool is never reused once the real clock is back (it would never fire again).
  const afterFake = pool.arm(target(), 1000);
  expect(afterFake).not.toBe(fakeDeadline);
  pool.disarm(afterFake);
  pool.close();
});

test('a process whose last exchange settled exits at once: the kept deadline timer (60 s) does not hold it', () => {
  const child = fileURLToPath(new URL('./fixtures/idle-deadline-child.ts', import.meta.url));
  const started = Date.now();
  const result = spawnSync(process.execPath, ['--conditions=@meta/source', '--import', 'tsx', child], {
    encoding: 'utf8',
    timeout: 45_000,
    env: process.env,
  });
  expect(result.status, result.stderr.slice(-2000)).toBe(0);
  expect(result.stdout).toBe('{"ok":true}');
  // Generous: the child loads tsx and undici; what matters is that it did not wait for the 60 s deadline.
  expect(Date.now() - started).toBeLessThan(40_000);
}, 60_000);

// ---- over a real socket: exchanges that reuse one timer each keep their own deadline ----

const servers: RawServer[] = [];
const transports: Transport[] = [];

afterEach(async () => {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

test('answered and stalled GETs in turn on one transport: each stall times out after its own deadline, each answer resolves', async () => {
  // `/stall` never answers; anything else is answered at once (keep-alive).
  const server = await startRawServer((socket, head) => {
    if (head.startsWith('GET /stall')) return;
    socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
  });
  servers.push(server);
  const transport = createUndiciTransport({ undici: undici as never, proxy: false, connections: 4 });
  transports.push(transport);
  const send = (path: string) =>
    transport.send({ method: 'GET', url: `${server.origin}${path}`, headers: {}, timeoutMs: 300 });
  for (let round = 0; round < 3; round++) {
    await expect((await send('/ok')).json()).resolves.toEqual({});
    const started = Date.now();
    const error = await send('/stall').then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(isTimeoutError(error), String(error)).toBe(true);
    // Never early (a reused timer counts from this exchange's start); the upper bound is generous.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(Date.now() - started).toBeLessThan(10_000);
  }
}, 30_000);
