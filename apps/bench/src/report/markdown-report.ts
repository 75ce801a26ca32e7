import type { RunPlan } from '../runner/run-plan.js';
import type { RunResults } from '../runner/run-rounds.js';
import { machineLine } from './machine-info.js';
import type { SummaryRow } from './summarize.js';
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
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function ratio(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}

function tableLines(rows: readonly SummaryRow[]): string[] {
  const lines = [
    '| route@c | client | req/s | x undici | p50 ms | p99 ms | CPU us/req | x undici (min-max) | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const spread = `${ratio(row.cpuRatio)} (${fixed(row.cpuRatioRange.min, 2)}-${fixed(row.cpuRatioRange.max, 2)})`;
    lines.push(
      `| ${row.cell} | ${row.label} | ${fixed(row.requestsPerSecond, 0)} | ${ratio(row.throughputRatio)} | ` +
        `${fixed(row.p50Us / 1000, 2)} | ${fixed(row.p99Us / 1000, 2)} | ${fixed(row.cpuPerRequestUs, 1)} | ${spread} | ` +
        `${row.errors}${row.errors > 0 ? ` (${row.firstError ?? ''})` : ''} |`,
    );
  }
  return lines;
}

function targetLines(targets: readonly TargetCheck[]): string[] {
  const lines = ['| SPEC 7 target | measured | limit | verdict |', '|---|---:|---:|---|'];
  for (const target of targets) {
    lines.push(`| ${target.target} | ${ratio(target.measured)} | ${target.limit} | ${target.verdict} |`);
  }
  return lines;
}

/** The run as Markdown: command, machine line, targets, the full table, and anything that did not run. */
export function markdownReport(input: ReportInput): string {
  const { plan, results } = input;
  const minutes = ((input.finishedAt.getTime() - input.startedAt.getTime()) / 60_000).toFixed(1);
  const aaRows = input.rows.filter((row) => row.driverId === 'undici-aa');
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
      'measured in the same round (lower CPU and higher req/s are better). CPU is the client process only.',
    '',
    ...targetLines(input.targets),
    '',
    `A/A noise (raw undici copy / raw undici, CPU): ${aaRows.map((row) => `${row.cell} ${ratio(row.cpuRatio)}`).join(', ') || 'n/a'}.`,
    '',
    ...tableLines(input.rows),
  ];
  for (const [id, reason] of Object.entries(results.unavailable))
    lines.push('', `- ${id} did not run: ${reason}`);
  for (const failure of results.failures) lines.push('', `- failed: ${failure}`);
  return `${lines.join('\n')}\n`;
}
