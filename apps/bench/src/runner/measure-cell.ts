import { performance } from 'node:perf_hooks';
import type { BenchClient, BenchRequest } from '../drivers/bench-client.js';
import { createTableRequest } from '../server/payloads.js';
import type { Workload } from '../workloads.js';
import type { CellSample } from './cell-sample.js';
import { LatencyRecorder } from './latency-recorder.js';

/** `process.hrtime` in microseconds: the clock V8 stamps CPU-profile samples with. */
function monotonicMicroseconds(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** One measurement: how long, how wide, and how long to warm up first. */
export interface MeasureOptions {
  readonly workload: Workload;
  readonly concurrency: number;
  /** Measured window; requests in flight at its end finish and count. */
  readonly durationMs: number;
  /** Unmeasured run before the window, so JIT and pool warm-up stay out of the numbers. */
  readonly warmupMs: number;
}

const echoBody = createTableRequest();
let uniqueId = 0;

function nextRequest(workload: Workload): BenchRequest {
  if (workload.needsUniqueId) {
    uniqueId += 1;
    return { method: workload.method, path: `${workload.path}?id=${process.pid}-${uniqueId}` };
  }
  return workload.method === 'POST'
    ? { method: workload.method, path: workload.path, body: echoBody }
    : { method: workload.method, path: workload.path };
}

interface LoopOutcome {
  requests: number;
  errors: number;
  firstError?: string;
}

async function closedLoop(
  client: BenchClient,
  workload: Workload,
  concurrency: number,
  durationMs: number,
  latencies: LatencyRecorder | undefined,
): Promise<LoopOutcome> {
  const deadline = performance.now() + durationMs;
  const outcome: LoopOutcome = { requests: 0, errors: 0 };
  async function worker(): Promise<void> {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const data = await client.send(nextRequest(workload));
        if (typeof data !== 'object' || data === null)
          throw new Error(`body was not parsed JSON: ${typeof data}`);
        latencies?.record((performance.now() - started) * 1000);
        outcome.requests += 1;
      } catch (error) {
        outcome.errors += 1;
        outcome.firstError ??= error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return outcome;
}

/** Check once that the driver returns the route's real JSON, not text or an error body. */
async function verifyPayload(client: BenchClient, workload: Workload): Promise<void> {
  const data = await client.send(nextRequest(workload));
  if (typeof data !== 'object' || data === null || !(workload.expectedKey in data)) {
    throw new Error(
      `${workload.name}: response lacks "${workload.expectedKey}": ${JSON.stringify(data)?.slice(0, 120)}`,
    );
  }
}

/**
 * Run the cell unmeasured, once per driver before round 1, so the first measured round does not pay for JIT
 * compilation and opening the pool (without this round the first measured cell ran up to 1.5x slow).
 */
export async function warmCell(client: BenchClient, options: MeasureOptions): Promise<void> {
  await verifyPayload(client, options.workload);
  await closedLoop(client, options.workload, options.concurrency, options.warmupMs, undefined);
}

/**
 * Warm up, then run `concurrency` closed-loop workers for the window and measure throughput, latency and this
 * process's CPU per request.
 */
export async function measureCell(client: BenchClient, options: MeasureOptions): Promise<CellSample> {
  await verifyPayload(client, options.workload);
  await closedLoop(client, options.workload, options.concurrency, options.warmupMs, undefined);
  const latencies = new LatencyRecorder();
  const windowStartUs = monotonicMicroseconds();
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcome = await closedLoop(
    client,
    options.workload,
    options.concurrency,
    options.durationMs,
    latencies,
  );
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const windowEndUs = monotonicMicroseconds();
  const cpuMicroseconds = cpu.user + cpu.system;
  const [p50Us = Number.NaN, p99Us = Number.NaN] = latencies.percentiles([0.5, 0.99]);
  return {
    requests: outcome.requests,
    errors: outcome.errors,
    firstError: outcome.firstError,
    elapsedMs,
    cpuMicroseconds,
    requestsPerSecond: (outcome.requests * 1000) / elapsedMs,
    cpuPerRequestUs: cpuMicroseconds / Math.max(1, outcome.requests),
    p50Us,
    p99Us,
    windowStartUs,
    windowEndUs,
  };
}
