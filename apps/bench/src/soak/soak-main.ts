/**
 * Child-process entry of the soak: argv `<driver id> <origin> <pool JSON> <requests> <concurrency>`. Runs with
 * `--expose-gc` so each memory sample follows a full GC and shows retained memory, not garbage.
 */

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import type { PoolSettings } from '../drivers/bench-client.js';
import { findDriver } from '../drivers/driver-registry.js';
import { findWorkload } from '../workloads.js';
import { activeResources, type MemorySample, type SoakResult } from './soak-sample.js';

const SAMPLE_EVERY = 10_000;
const [
  driverId = 'rest-undici',
  origin = '',
  poolJson = '{}',
  requestsText = '200000',
  concurrencyText = '32',
] = process.argv.slice(2);

// Listen before the baseline is taken: a message listener refs the IPC channel, which would otherwise show up
// as a handle the client never opened.
process.on('message', (message: { type?: string }) => {
  if (message.type === 'close') process.exit(0);
});

function sampleMemory(requests: number, started: number): MemorySample {
  globalThis.gc?.();
  const memory = process.memoryUsage();
  const newSpace = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return {
    requests,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    heapTotalBytes: memory.heapTotal,
    newSpaceBytes: newSpace?.space_size ?? 0,
    externalBytes: memory.external,
    elapsedMs: performance.now() - started,
  };
}

async function main(): Promise<void> {
  const total = Number(requestsText);
  const concurrency = Number(concurrencyText);
  const workload = findWorkload('small');
  // stdout/stderr open their pipe handles lazily on first use; open them now so progress lines written during
  // the soak do not read as a leaked handle.
  void process.stdout.fd;
  void process.stderr.fd;
  const baseline = activeResources();
  const create = await findDriver(driverId).load();
  const client = await create({ origin, pool: JSON.parse(poolJson) as PoolSettings });
  const started = performance.now();
  const samples: MemorySample[] = [sampleMemory(0, started)];
  let issued = 0;
  let completed = 0;
  let errors = 0;
  let firstError: string | undefined;
  async function worker(): Promise<void> {
    while (issued < total) {
      issued += 1;
      try {
        await client.send({ method: workload.method, path: workload.path });
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
      completed += 1;
      if (completed % SAMPLE_EVERY === 0) {
        samples.push(sampleMemory(completed, started));
        process.stderr.write(`soak ${completed}/${total}\n`);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const endOfLoad = activeResources();
  await client.close();
  // Sockets and timers are released on the following turns of the event loop.
  await sleep(200);
  const result: SoakResult = {
    driverId,
    requests: completed,
    errors,
    firstError,
    concurrency,
    samples,
    handles: { baseline, endOfLoad, afterClose: activeResources() },
  };
  process.send?.({ type: 'soak', result });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
