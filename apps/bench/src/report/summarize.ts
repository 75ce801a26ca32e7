import { ANCHOR_DRIVER_ID, FLOOR_DRIVER_ID } from '../drivers/driver-registry.js';
import type { CellSample } from '../runner/cell-sample.js';
import { instanceKey } from '../runner/node-runtime.js';
import { cellKey, driverInstances, type RunPlan } from '../runner/run-plan.js';
import type { RunResults } from '../runner/run-rounds.js';
import { median, range } from './statistics.js';

/** One report row: a driver's medians in one cell, and its paired ratios to the anchor. */
export interface SummaryRow {
  readonly cell: string;
  readonly driverId: string;
  /** The driver's key on its runtime (`undici`, `undici@node24`). */
  readonly instanceKey: string;
  /** The runtime's major Node version. */
  readonly nodeMajor: number;
  readonly label: string;
  readonly rounds: number;
  readonly requestsPerSecond: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly cpuPerRequestUs: number;
  /** Median over rounds of (this driver / anchor) in the same round. */
  readonly throughputRatio: number;
  readonly cpuRatio: number;
  /** Spread of the per-round CPU ratios, to show how much to trust `cpuRatio`. */
  readonly cpuRatioRange: { min: number; max: number };
  /** Median over rounds of (this driver's CPU / the floor's CPU) on the same Node; NaN without a floor. */
  readonly cpuFloorRatio: number;
  readonly errors: number;
  readonly firstError?: string | undefined;
}

/** Median over rounds of `numerator[round] / denominator[round]`, skipping rounds where either is missing. */
export function pairedRatio(
  numerator: readonly (CellSample | undefined)[],
  denominator: readonly (CellSample | undefined)[],
  metric: (sample: CellSample) => number,
): { median: number; min: number; max: number } {
  const ratios: number[] = [];
  numerator.forEach((sample, round) => {
    const anchor = denominator[round];
    if (sample !== undefined && anchor !== undefined) ratios.push(metric(sample) / metric(anchor));
  });
  return { median: median(ratios), ...range(ratios) };
}

/** Reduce a run's samples to one row per cell and driver. */
export function summarize(plan: RunPlan, results: RunResults): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const cell of plan.cells) {
    const key = cellKey(cell);
    const byDriver = results.samples[key] ?? {};
    for (const { key: instance, driver, runtime } of driverInstances(plan)) {
      const samples = byDriver[instance];
      if (samples === undefined) continue;
      // Ratios pair a driver with the anchor (and the floor) on its own Node: never across Node versions.
      const anchor = byDriver[instanceKey(ANCHOR_DRIVER_ID, runtime)] ?? [];
      const floor = byDriver[instanceKey(FLOOR_DRIVER_ID, runtime)] ?? [];
      const present = samples.filter((sample): sample is CellSample => sample !== undefined);
      const cpuRatio = pairedRatio(samples, anchor, (sample) => sample.cpuPerRequestUs);
      rows.push({
        cell: key,
        driverId: driver.id,
        instanceKey: instance,
        nodeMajor: runtime.major,
        label: runtime.key === '' ? driver.label : `${driver.label} [Node ${runtime.major}]`,
        rounds: present.length,
        requestsPerSecond: median(present.map((sample) => sample.requestsPerSecond)),
        p50Us: median(present.map((sample) => sample.p50Us)),
        p99Us: median(present.map((sample) => sample.p99Us)),
        cpuPerRequestUs: median(present.map((sample) => sample.cpuPerRequestUs)),
        throughputRatio: pairedRatio(samples, anchor, (sample) => sample.requestsPerSecond).median,
        cpuRatio: cpuRatio.median,
        cpuRatioRange: { min: cpuRatio.min, max: cpuRatio.max },
        cpuFloorRatio: pairedRatio(samples, floor, (sample) => sample.cpuPerRequestUs).median,
        errors: present.reduce((total, sample) => total + sample.errors, 0),
        firstError: present.find((sample) => sample.firstError !== undefined)?.firstError,
      });
    }
  }
  return rows;
}
