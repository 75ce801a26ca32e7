import { getEventListeners } from 'node:events';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isNetworkError } from '@meta/errors';
import { createTestCertificates } from '@meta/transport-conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, TRANSPORT_KINDS } from './clients.js';
import { type FaultServer, refusedPort, resetSocket, respondJson, startFaultServer } from './fault-server.js';

let answering: FaultServer;
let resetting: FaultServer;
let badTls: HttpsServer;
let badTlsOrigin: string;
let refusedOrigin: string;

beforeAll(async () => {
  [answering, resetting] = await Promise.all([startFaultServer(), startFaultServer()]);
  resetting.onConnection = resetSocket;
  badTls = createHttpsServer(createTestCertificates().selfSigned, (_request, response) => response.end('{}'));
  await new Promise<void>((resolve) => badTls.listen(0, '127.0.0.1', resolve));
  badTlsOrigin = `https://127.0.0.1:${(badTls.address() as AddressInfo).port}`;
  refusedOrigin = `http://127.0.0.1:${await refusedPort()}`;
}, 60_000);

afterAll(async () => {
  badTls.closeAllConnections();
  await Promise.all([
    answering.close(),
    resetting.close(),
    new Promise<void>((resolve) => badTls.close(() => resolve())),
  ]);
});

/** Counts of active handles and requests by type (sockets, timers, ...). */
function activeResources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of process.getActiveResourcesInfo()) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** Resources above `baseline`, after letting closed sockets and cleared timers settle (bounded wait). */
async function resourcesAbove(baseline: Map<string, number>): Promise<Record<string, number>> {
  let excess: Record<string, number> = {};
  for (let round = 0; round < 100; round++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setImmediate(resolve));
    excess = {};
    for (const [name, count] of activeResources()) {
      if (count > (baseline.get(name) ?? 0)) excess[name] = count - (baseline.get(name) ?? 0);
    }
    if (Object.keys(excess).length === 0) break;
  }
  return excess;
}

/** Run `work` while counting unhandled rejections and process warnings. */
async function watchProcess(work: () => Promise<void>): Promise<{ unhandled: unknown[]; warnings: Error[] }> {
  const unhandled: unknown[] = [];
  const warnings: Error[] = [];
  const onRejection = (reason: unknown) => unhandled.push(reason);
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('unhandledRejection', onRejection);
  process.on('warning', onWarning);
  try {
    await work();
    // Rejections are reported after a macrotask; give them the chance to surface.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('unhandledRejection', onRejection);
    process.off('warning', onWarning);
  }
  return { unhandled, warnings };
}

const FAILURE_ORIGINS = () => [refusedOrigin, resetting.origin, badTlsOrigin];

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  for (const mode of ['sequential', '100-way parallel'] as const) {
    test(`1,000 failing requests (refused, reset, bad TLS), ${mode}: every one a NetworkError, nothing leaks`, async () => {
      const baseline = activeResources();
      const heapBefore = process.memoryUsage().heapUsed;
      const clients = FAILURE_ORIGINS().map((origin) =>
        createClient(kind, { baseUrl: origin, retry: 0, logger: {} }),
      );
      let typed = 0;
      const one = async (index: number) => {
        const error = await clients[index % 3]!.get(`/item/${index}`).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        if (isNetworkError(error)) typed++;
      };
      const { unhandled, warnings } = await watchProcess(async () => {
        if (mode === 'sequential') {
          for (let index = 0; index < 1000; index++) await one(index);
        } else {
          for (let batch = 0; batch < 10; batch++) {
            await Promise.all(Array.from({ length: 100 }, (_, offset) => one(batch * 100 + offset)));
          }
        }
        await Promise.all(clients.map((client) => client.close()));
      });
      expect(typed).toBe(1000);
      expect(unhandled).toEqual([]);
      expect(warnings.map((warning) => warning.name)).toEqual([]);
      expect(await resourcesAbove(baseline)).toEqual({});
      expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(96 * 1024 * 1024);
    }, 60_000);
  }

  test('100 concurrent calls with an expired token make exactly one provider call', async () => {
    answering.reset();
    answering.fault = (request, socket) => respondJson(socket, 200, { auth: request.headers.authorization });
    let calls = 0;
    const rest = createClient(kind, {
      baseUrl: answering.origin,
      accessToken: 'expired-token',
      expiresIn: Math.floor(Date.now() / 1000) - 60,
      authToken: async () => {
        calls++;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return [`fresh-token-${calls}`, 3600];
      },
    });
    try {
      const results = await Promise.all(Array.from({ length: 100 }, () => rest.get<{ auth: string }>('/x')));
      expect(calls).toBe(1);
      expect(new Set(results.map((result) => result.auth))).toEqual(new Set(['Bearer fresh-token-1']));
      expect(answering.requests).toHaveLength(100);
    } finally {
      await rest.close();
    }
  });

  test('100 concurrent calls waiting on one token refresh with one shared signal raise no listener warning', async () => {
    answering.reset();
    answering.fault = (_request, socket) => respondJson(socket, 200, { ok: true });
    const signal = new AbortController().signal;
    let release!: () => void;
    const providerCalled = new Promise<void>((resolve) => {
      release = resolve;
    });
    const rest = createClient(kind, {
      baseUrl: answering.origin,
      authToken: async () => {
        await providerCalled;
        return ['token', 3600];
      },
    });
    let listenersWhileWaiting = -1;
    const { unhandled, warnings } = await watchProcess(async () => {
      const calls = Array.from({ length: 100 }, () => rest.get('/x', null, { signal }));
      await new Promise((resolve) => setTimeout(resolve, 20));
      listenersWhileWaiting = getEventListeners(signal, 'abort').length;
      release();
      await Promise.all(calls);
    });
    await rest.close();
    expect(listenersWhileWaiting).toBe(1);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(unhandled).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test('one AbortSignal shared by 10,000 calls gains no listeners and raises no warning', async () => {
    answering.reset();
    answering.fault = (_request, socket) => respondJson(socket, 200, { ok: true });
    const controller = new AbortController();
    const signal = controller.signal;
    const rest = createClient(kind, { baseUrl: answering.origin, logger: {} });
    let peak = 0;
    const { unhandled, warnings } = await watchProcess(async () => {
      const concurrency = 50;
      let next = 0;
      const worker = async () => {
        while (next < 10_000) {
          next++;
          await rest.get('/x', null, { signal });
          peak = Math.max(peak, getEventListeners(signal, 'abort').length);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    });
    await rest.close();
    expect(answering.requests).toHaveLength(10_000);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    // One listener at most, however many calls are in flight on the signal.
    expect(peak).toBeLessThanOrEqual(1);
    expect(unhandled).toEqual([]);
    expect(warnings).toEqual([]);
  }, 60_000);
});
