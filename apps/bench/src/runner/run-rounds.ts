import { startServer } from '../server/start-server.js';
import type { CellSample } from './cell-sample.js';
import { type DriverProcess, startDriverProcess } from './driver-process.js';
import { type Cell, cellKey, type RunPlan } from './run-plan.js';

/** Samples of a run: `samples[cellKey][driverId][round]`, and the drivers that could not run at all. */
export interface RunResults {
  readonly samples: Record<string, Record<string, (CellSample | undefined)[]>>;
  /** Driver id -> why it could not start (e.g. a package not written yet). */
  readonly unavailable: Record<string, string>;
  /** Messages of measurements that failed outright (the cell shows no sample for that round). */
  readonly failures: string[];
  /** Server requests and CPU over the run, for context. */
  readonly server: { served: number; cpuMicroseconds: number };
}

async function startDrivers(plan: RunPlan, origin: string, unavailable: Record<string, string>) {
  const running: DriverProcess[] = [];
  for (const driver of plan.drivers) {
    try {
      running.push(await startDriverProcess(driver, origin, plan.pool));
    } catch (error) {
      unavailable[driver.id] = error instanceof Error ? error.message : String(error);
      process.stderr.write(`! ${driver.id} unavailable: ${unavailable[driver.id]}\n`);
    }
  }
  return running;
}

async function warmUp(plan: RunPlan, drivers: readonly DriverProcess[], failures: string[]): Promise<void> {
  process.stderr.write(`warming up ${drivers.length} clients on ${plan.cells.length} cells\n`);
  for (const cell of plan.cells) {
    for (const driverProcess of drivers) {
      try {
        await driverProcess.warm(cell.workload.name, cell.concurrency, plan.warmupMs);
      } catch (error) {
        failures.push(
          `warm-up ${cellKey(cell)} ${driverProcess.driver.id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
  for (const driverProcess of drivers) {
    const id = driverProcess.driver.id;
    byDriver[id] ??= [];
    const samples = byDriver[id];
    const label = `round ${round + 1}/${plan.rounds} ${key.padEnd(16)} ${id.padEnd(12)}`;
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
 * Start the server and one process per driver, then run the rounds: in each round every cell is measured by
 * every driver in turn (A B C ... A B C ...), so slow drift of the machine hits all drivers alike and ratios can
 * be paired within a round.
 */
export async function runRounds(plan: RunPlan): Promise<RunResults> {
  const server = await startServer();
  const results: RunResults = {
    samples: {},
    unavailable: {},
    failures: [],
    server: { served: 0, cpuMicroseconds: 0 },
  };
  const drivers = await startDrivers(plan, server.origin, results.unavailable);
  try {
    await warmUp(plan, drivers, results.failures);
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
