import type { DriverContext } from '../drivers/bench-client.js';
import type { CellSample } from './cell-sample.js';
import { ChildLink } from './child-link.js';
import type { DriverInstance } from './run-plan.js';
import type { RuntimeInfo } from './runtime-info.js';

/** One driver living in its own process for the whole run, measuring whenever the round reaches it. */
export interface DriverProcess {
  readonly instance: DriverInstance;
  measure(workload: string, concurrency: number, durationMs: number, warmupMs: number): Promise<CellSample>;
  /** Run the cell unmeasured for `warmupMs`. */
  warm(workload: string, concurrency: number, warmupMs: number): Promise<void>;
  /** The Node and undici copies the process runs on (ask after it has sent requests). */
  info(): Promise<RuntimeInfo>;
  close(): Promise<void>;
}

/** Fork the driver's process on its runtime's Node and wait until its client is built. */
export async function startDriverProcess(
  instance: DriverInstance,
  context: DriverContext,
  execArgv: readonly string[] = [],
): Promise<DriverProcess> {
  const { link } = await ChildLink.start(new URL('./driver-main.ts', import.meta.url), {
    args: [instance.driver.id, JSON.stringify(context)],
    execArgv,
    execPath: instance.runtime.execPath,
    readyType: 'ready',
  });
  return {
    instance,
    async measure(workload, concurrency, durationMs, warmupMs) {
      const reply = await link.call<{ type: string; sample: CellSample }>(
        { type: 'run', workload, concurrency, durationMs, warmupMs },
        'result',
      );
      return reply.sample;
    },
    async warm(workload, concurrency, warmupMs) {
      await link.call({ type: 'warm', workload, concurrency, durationMs: 0, warmupMs }, 'warmed');
    },
    async info() {
      return (await link.call<{ type: string; info: RuntimeInfo }>({ type: 'info' }, 'info')).info;
    },
    close: () => link.close(),
  };
}
