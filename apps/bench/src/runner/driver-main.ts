/**
 * Child-process entry of one driver. argv: `<driver id> <context JSON>` (a `DriverContext`). Sends `ready` (or
 * `error`), then answers each `run` message with a `result` and `info` with the runtime it runs on, and closes its
 * client on `close`.
 */
import type { BenchClient, DriverContext } from '../drivers/bench-client.js';
import { findDriver } from '../drivers/driver-registry.js';
import { findWorkload } from '../workloads.js';
import { measureCell, warmCell } from './measure-cell.js';
import { runtimeInfo } from './runtime-info.js';

interface RunMessage {
  /** `warm` runs the cell for `warmupMs` unmeasured; `run` warms up and then measures. */
  readonly type: 'run' | 'warm';
  readonly workload: string;
  readonly concurrency: number;
  readonly durationMs: number;
  readonly warmupMs: number;
}

const [driverId = '', contextJson = '{}'] = process.argv.slice(2);

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function closeAndExit(client: BenchClient | undefined): Promise<void> {
  try {
    await client?.close();
  } finally {
    process.exit(0);
  }
}

async function main(): Promise<void> {
  let client: BenchClient | undefined;
  try {
    const create = await findDriver(driverId).load();
    client = await create(JSON.parse(contextJson) as DriverContext);
  } catch (error) {
    process.send?.({ type: 'error', message: `driver ${driverId} failed to start: ${describe(error)}` });
    process.exit(1);
  }
  process.on('disconnect', () => void closeAndExit(client));
  process.on('message', async (message: RunMessage | { type: 'close' } | { type: 'info' }) => {
    if (message.type === 'close') return closeAndExit(client);
    if (message.type === 'info') return void process.send?.({ type: 'info', info: runtimeInfo() });
    try {
      const options = {
        workload: findWorkload(message.workload),
        concurrency: message.concurrency,
        durationMs: message.durationMs,
        warmupMs: message.warmupMs,
      };
      if (message.type === 'warm') {
        await warmCell(client, options);
        process.send?.({ type: 'warmed' });
        return;
      }
      process.send?.({ type: 'result', sample: await measureCell(client, options) });
    } catch (error) {
      process.send?.({ type: 'error', message: describe(error) });
    }
  });
  process.send?.({ type: 'ready' });
}

void main();
