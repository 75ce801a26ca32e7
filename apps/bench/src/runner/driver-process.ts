import type { PoolSettings } from '../drivers/bench-client.js';
import type { DriverDefinition } from '../drivers/driver-registry.js';
import type { CellSample } from './cell-sample.js';
import { ChildLink } from './child-link.js';

/** One driver living in its own process for the whole run, measuring whenever the round reaches it. */
export interface DriverProcess {
  readonly driver: DriverDefinition;
  measure(workload: string, concurrency: number, durationMs: number, warmupMs: number): Promise<CellSample>;
  /** Run the cell unmeasured for `warmupMs`. */
  warm(workload: string, concurrency: number, warmupMs: number): Promise<void>;
  close(): Promise<void>;
}

/** Fork the driver's process and wait until its client is built. */
export async function startDriverProcess(
  driver: DriverDefinition,
  origin: string,
  pool: PoolSettings,
  execArgv: readonly string[] = [],
): Promise<DriverProcess> {
  const { link } = await ChildLink.start(new URL('./driver-main.ts', import.meta.url), {
    args: [driver.id, origin, JSON.stringify(pool)],
    execArgv,
    readyType: 'ready',
  });
  return {
    driver,
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
    close: () => link.close(),
  };
}
