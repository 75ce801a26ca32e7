import { coldStartLines } from '../cold-start/cold-start-report.js';
import type { ColdStartResults } from '../cold-start/run-cold-start.js';
import { instanceKey } from '../runner/node-runtime.js';
import { driverInstances, type RunPlan } from '../runner/run-plan.js';
import type { RunResults } from '../runner/run-rounds.js';
import { machineLine } from './machine-info.js';
import { pairedRatio, type SummaryRow } from './summarize.js';
import type { TargetCheck } from './targets.js';

/** What a report is made from. */
export interface ReportInput {
  readonly command: string;
  readonly startedAt: Date;
  readonly finishedAt: Date;
  readonly plan: RunPlan;
  readonly results: RunResults;
  readonly rows: readonly SummaryRow[];
  readonly targets: readonly TargetCheck[];
  /** The cold-start section, when the run measured it. */
  readonly coldStart?: ColdStartResults | undefined;
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

function tableLines(rows: readonly SummaryRow[]): string[] {
  const lines = [
    '| route@c | client | req/s | x undici | p50 ms | p99 ms | CPU us/req | x undici (min-max) | x floor | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const spread = `${ratio(row.cpuRatio)} (${fixed(row.cpuRatioRange.min, 2)}-${fixed(row.cpuRatioRange.max, 2)})`;
    lines.push(
      `| ${row.cell} | ${row.label} | ${fixed(row.requestsPerSecond, 0)} | ${ratio(row.throughputRatio)} | ` +
        `${fixed(row.p50Us / 1000, 2)} | ${fixed(row.p99Us / 1000, 2)} | ${fixed(row.cpuPerRequestUs, 1)} | ${spread} | ` +
        `${ratio(row.cpuFloorRatio)} | ` +
        `${row.errors}${row.errors > 0 ? ` (${row.firstError ?? ''})` : ''} |`,
    );
  }
  return lines;
}

function targetLines(targets: readonly TargetCheck[]): string[] {
  const lines = ['| SPEC 7 target | measured | limit | verdict |', '|---|---:|---:|---|'];
  const measured = targets.filter((target) => target.verdict !== 'not measured');
  for (const target of measured) {
    lines.push(`| ${target.target} | ${ratio(target.measured)} | ${target.limit} | ${target.verdict} |`);
  }
  const skipped = targets.length - measured.length;
  // A subset run measures only some targets; listing the others as rows would bury the ones it did measure.
  if (skipped > 0) lines.push('', `${skipped} targets need cells or clients this run did not measure.`);
  return lines;
}

/** Which Node and which undici each driver process ran on, as the process itself reported it. */
function runtimeLines(input: ReportInput): string[] {
  const lines = ['| client | Node | undici used | npm undici loaded in the process |', '|---|---|---|---|'];
  for (const instance of driverInstances(input.plan)) {
    const info = input.results.runtimes[instance.key];
    if (info === undefined) continue;
    const fetchBased = ['fetch', 'fetch-aa', 'transport-fetch', 'fetch-undici7', 'rest-fetch', 'ky'].includes(
      instance.driver.id,
    );
    const viaNode = ['axios', 'got'].includes(instance.driver.id);
    const used = viaNode
      ? 'none (node:http)'
      : fetchBased
        ? `global fetch: Node's undici ${info.bundledUndici}`
        : `npm undici ${info.npmUndici.join(', ') || '?'}`;
    lines.push(`| ${instance.key} | ${info.node} | ${used} | ${info.npmUndici.join(', ') || 'none'} |`);
  }
  return lines;
}

function aaLine(input: ReportInput): string {
  const parts = input.plan.runtimes.map((runtime) => {
    const key = instanceKey('undici-aa', runtime);
    const rows = input.rows.filter((row) => row.instanceKey === key);
    const text = rows.map((row) => `${row.cell} ${ratio(row.cpuRatio)}`).join(', ') || 'n/a';
    return input.plan.runtimes.length > 1 ? `Node ${runtime.major}: ${text}` : text;
  });
  return `A/A noise (raw undici copy / raw undici, CPU): ${parts.join('; ')}.${fetchAaText(input)}`;
}

/** The raw fetch A/A pair (`fetch-aa` / `fetch`, CPU, paired by round), when the run has it. */
function fetchAaText(input: ReportInput): string {
  const parts = input.plan.runtimes.flatMap((runtime) =>
    Object.entries(input.results.samples).flatMap(([cell, byDriver]) => {
      const copy = byDriver[instanceKey('fetch-aa', runtime)];
      const anchor = byDriver[instanceKey('fetch', runtime)];
      if (copy === undefined || anchor === undefined) return [];
      const measured = pairedRatio(copy, anchor, (sample) => sample.cpuPerRequestUs).median;
      return [`${input.plan.runtimes.length > 1 ? `Node ${runtime.major} ` : ''}${cell} ${ratio(measured)}`];
    }),
  );
  return parts.length === 0 ? '' : ` Raw fetch A/A (copy / raw fetch, CPU): ${parts.join(', ')}.`;
}

function serverLine(results: RunResults): string {
  const byServer = results.server.byServer;
  if (byServer === undefined || byServer.tlsHttp1 + byServer.tlsHttp2 === 0) return '';
  return (
    `TLS server (\`http2.createSecureServer({ allowHTTP1: true })\`, test CA made for this run): ` +
    `${byServer.tlsHttp2} requests over HTTP/2, ${byServer.tlsHttp1} over HTTP/1.1.`
  );
}

/** The run as Markdown: command, machine line, targets, the full table, and anything that did not run. */
export function markdownReport(input: ReportInput): string {
  const { plan, results } = input;
  const minutes = ((input.finishedAt.getTime() - input.startedAt.getTime()) / 60_000).toFixed(1);
  const lines = [
    `Command: \`${input.command}\``,
    '',
    `Machine: ${machineLine()}`,
    '',
    `Run: ${input.startedAt.toISOString()}, ${minutes} min; ${plan.rounds} rounds x ${plan.durationMs} ms windows ` +
      `(after ${plan.warmupMs} ms warm-up) per cell and client; pool ${plan.pool.connections} connections; ` +
      `server served ${results.server.served} requests.`,
    '',
    'Values are medians over rounds; `x undici` is the median of per-round ratios to raw `undici.request` ' +
      'measured in the same round on the same Node, `x floor` the same against the floor driver (a minimal ' +
      'undici dispatch handler); lower CPU and higher req/s are better. CPU is the client process only.',
    '',
    ...targetLines(input.targets),
    '',
    ...(input.rows.length === 0
      ? ['No throughput rounds in this run (`--drivers none`).']
      : [aaLine(input), '', ...tableLines(input.rows), '', serverLine(results), '', ...runtimeLines(input)]),
  ];
  if (input.coldStart !== undefined) lines.push('', ...coldStartLines(input.coldStart));
  for (const [id, reason] of Object.entries(results.unavailable))
    lines.push('', `- ${id} did not run: ${reason}`);
  for (const failure of results.failures) lines.push('', `- failed: ${failure}`);
  return `${lines.join('\n')}\n`;
}
