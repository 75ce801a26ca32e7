import type { PoolSettings } from '../drivers/bench-client.js';
import type { DriverDefinition } from '../drivers/driver-registry.js';
import type { Workload } from '../workloads.js';

/** One table row group: a route at one concurrency. */
export interface Cell {
  readonly workload: Workload;
  readonly concurrency: number;
}

/** Everything a benchmark run does, resolved from the command line. */
export interface RunPlan {
  readonly cells: readonly Cell[];
  readonly drivers: readonly DriverDefinition[];
  readonly rounds: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly pool: PoolSettings;
}

/** The key of a cell in result maps: `small@32`. */
export function cellKey(cell: Cell): string {
  return `${cell.workload.name}@${cell.concurrency}`;
}
