import type { PoolSettings } from '../drivers/bench-client.js';
import type { DriverDefinition } from '../drivers/driver-registry.js';
import type { Workload } from '../workloads.js';
import { instanceKey, type NodeRuntime } from './node-runtime.js';

/** One table row group: a route at one concurrency. */
export interface Cell {
  readonly workload: Workload;
  readonly concurrency: number;
}

/** Everything a benchmark run does, resolved from the command line. */
export interface RunPlan {
  readonly cells: readonly Cell[];
  readonly drivers: readonly DriverDefinition[];
  /** The Node binaries every driver runs on: the host Node first, then `--node` ones. */
  readonly runtimes: readonly NodeRuntime[];
  readonly rounds: number;
  readonly durationMs: number;
  readonly warmupMs: number;
  readonly pool: PoolSettings;
  /** Fresh processes per cold-start probe, or 0 to skip the cold-start section. */
  readonly coldStartRuns: number;
}

/** One driver on one Node binary: its own process, its own rows in the report. */
export interface DriverInstance {
  /** `undici` on the host Node, `undici@node24` on Node 24. */
  readonly key: string;
  readonly driver: DriverDefinition;
  readonly runtime: NodeRuntime;
}

/** Every driver on every runtime, runtime by runtime, in the plan's driver order. */
export function driverInstances(plan: RunPlan): DriverInstance[] {
  return plan.runtimes.flatMap((runtime) =>
    plan.drivers.map((driver) => ({ key: instanceKey(driver.id, runtime), driver, runtime })),
  );
}

/** The key of a cell in result maps: `small@32`. */
export function cellKey(cell: Cell): string {
  return `${cell.workload.name}@${cell.concurrency}`;
}
