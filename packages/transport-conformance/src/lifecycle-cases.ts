import { isClientClosedError } from '@meta/errors';
import { expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';

const WATCHED = new Set(['TCPSocketWrap', 'TLSWrap', 'Timeout']);

function watchedResources(): number {
  return process.getActiveResourcesInfo().filter((resource) => WATCHED.has(resource)).length;
}

/** Connection reuse and releasing everything on close. */
export function registerLifecycleCases(harness: ConformanceHarness): void {
  if (!harness.notApplicable.keepAlive) {
    test('reuses kept-alive connections for sequential requests', async () => {
      const transport = await harness.open();
      const ids: string[] = [];
      for (let index = 0; index < 6; index++) {
        const response = await harness.send({ url: `${harness.servers().http}/connection` }, transport);
        ids.push(await response.text());
      }
      // undici (and Node's fetch, built on it) waits one event-loop turn before reusing a socket, so a request
      // sent right after the previous body was read may take a second connection; never one per request.
      expect(new Set(ids).size).toBeLessThanOrEqual(2);
    });
  }

  if (!harness.notApplicable.resourceCleanup) {
    test('leaves no socket or timer behind after close(), even after timeouts and aborts', async () => {
      const baseline = watchedResources();
      const transport = await harness.open();
      const http = harness.servers().http;
      await (await harness.send({ url: `${http}/json`, timeoutMs: 30_000 }, transport)).json();
      await harness.send({ url: `${http}/stall-headers`, timeoutMs: 200 }, transport).catch(() => undefined);
      const aborted = await harness.send({ url: `${http}/stall-body`, timeoutMs: 30_000 }, transport);
      await aborted.cancel();
      await harness
        .send({ url: `${harness.servers().silent}/`, timeoutMs: 200 }, transport)
        .catch(() => undefined);
      await transport.close();
      await transport.close();
      // Sockets close asynchronously on both ends of the loopback; wait (generously) for them to go.
      expect(await eventually(() => watchedResources() <= baseline)).toBe(true);
    });
  }

  test('send() after close() rejects with ClientClosedError and sends nothing', async () => {
    const transport = await harness.open();
    await transport.close();
    const before = harness.servers().connectionCount();
    const error = await harness
      .send({ url: `${harness.servers().http}/json` }, transport)
      .catch((caught: unknown) => caught);
    expect(isClientClosedError(error), String(error)).toBe(true);
    expect(harness.servers().connectionCount()).toBe(before);
  });

  test('close() can be called twice', async () => {
    const transport = await harness.open();
    await transport.close();
    await expect(transport.close()).resolves.toBeUndefined();
  });
}
