import { measuresRoute } from '../drivers/driver-registry.js';
import { type ServedCounts, type ServerProcess, startServer } from '../server/start-server.js';
import type { CellSample } from './cell-sample.js';
import { type DriverProcess, startDriverProcess } from './driver-process.js';
import { type Cell, cellKey, driverInstances, type RunPlan } from './run-plan.js';
import type { RuntimeInfo } from './runtime-info.js';

/** Samples of a run: `samples[cellKey][instanceKey][round]`, and the drivers that could not run at all. */
export interface RunResults {
  readonly samples: Record<string, Record<string, (CellSample | undefined)[]>>;
  /** Instance key -> why it could not start (e.g. a package not written yet). */
  readonly unavailable: Record<string, string>;
  /** Messages of measurements that failed outright (the cell shows no sample for that round). */
  readonly failures: string[];
  /** Instance key -> the Node and undici copies its process ran on, read after the warm-up. */
  readonly runtimes: Record<string, RuntimeInfo>;
  /** Server requests (by server and protocol) and CPU over the run, for context. */
  readonly server: { served: number; byServer?: ServedCounts; cpuMicroseconds: number };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function startDrivers(plan: RunPlan, server: ServerProcess, results: RunResults) {
  const running: DriverProcess[] = [];
  for (const instance of driverInstances(plan)) {
    try {
      const context = {
        origin: server.origin,
        pool: plan.pool,
        tls: instance.driver.tls ? server.tls : undefined,
      };
      running.push(await startDriverProcess(instance, context));
    } catch (error) {
      results.unavailable[instance.key] = describeError(error);
      process.stderr.write(`! ${instance.key} unavailable: ${results.unavailable[instance.key]}\n`);
    }
  }
  return running;
}

function measures(driverProcess: DriverProcess, cell: Cell): boolean {
  return measuresRoute(driverProcess.instance.driver, cell.workload.name);
}

async function warmUp(plan: RunPlan, drivers: readonly DriverProcess[], results: RunResults): Promise<void> {
  process.stderr.write(`warming up ${drivers.length} clients on ${plan.cells.length} cells\n`);
  for (const cell of plan.cells) {
    for (const driverProcess of drivers.filter((candidate) => measures(candidate, cell))) {
      try {
        await driverProcess.warm(cell.workload.name, cell.concurrency, plan.warmupMs);
      } catch (error) {
        results.failures.push(
          `warm-up ${cellKey(cell)} ${driverProcess.instance.key}: ${describeError(error)}`,
        );
      }
    }
  }
  for (const driverProcess of drivers) {
    try {
      results.runtimes[driverProcess.instance.key] = await driverProcess.info();
    } catch (error) {
      results.failures.push(`runtime info ${driverProcess.instance.key}: ${describeError(error)}`);
    }
  }
}

/** Measure one cell with every driver in turn and store each sample under its round. */
async function measureCellRound(
  plan: RunPlan,
  cell: Cell,
  round: number,
  drivers: readonly DriverProcess[],
  results: RunResults,
): Promise<void> {
  const key = cellKey(cell);
  results.samples[key] ??= {};
  const byDriver = results.samples[key];
  for (const driverProcess of drivers.filter((candidate) => measures(candidate, cell))) {
    const id = driverProcess.instance.key;
    byDriver[id] ??= [];
    const samples = byDriver[id];
    const label = `round ${round + 1}/${plan.rounds} ${key.padEnd(16)} ${id.padEnd(22)}`;
    try {
      const sample = await driverProcess.measure(
        cell.workload.name,
        cell.concurrency,
        plan.durationMs,
        plan.warmupMs,
      );
      samples[round] = sample;
      const rate = sample.requestsPerSecond.toFixed(0).padStart(7);
      const cpu = sample.cpuPerRequestUs.toFixed(1).padStart(7);
      const errors = sample.errors > 0 ? ` ${sample.errors} errors` : '';
      process.stderr.write(`${label} ${rate} req/s ${cpu} us CPU/req${errors}\n`);
    } catch (error) {
      results.failures.push(`${label}: ${describeError(error)}`);
      process.stderr.write(`! ${label}: ${describeError(error)}\n`);
    }
  }
}

/**
 * Start the servers and one process per driver and runtime, then run the rounds: in each round every cell is
 * measured by every driver in turn (A B C ... A B C ...), so slow drift of the machine hits all drivers alike and
 * ratios can be paired within a round.
 */
export async function runRounds(plan: RunPlan): Promise<RunResults> {
  const server = await startServer({ tls: plan.drivers.some((driver) => driver.tls === true) });
  const results: RunResults = {
    samples: {},
    unavailable: {},
    failures: [],
    runtimes: {},
    server: { served: 0, cpuMicroseconds: 0 },
  };
  const drivers = await startDrivers(plan, server, results);
  try {
    await warmUp(plan, drivers, results);
    for (let round = 0; round < plan.rounds; round += 1) {
      for (const cell of plan.cells) await measureCellRound(plan, cell, round, drivers, results);
    }
    Object.assign(results.server, await server.stats());
  } finally {
    await Promise.all(drivers.map((driverProcess) => driverProcess.close()));
    await server.close();
  }
  return results;
}
