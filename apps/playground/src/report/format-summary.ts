import type { StepRecord, TransportRun } from '../session/session-record.js';
import type { Palette } from './palette.js';

function cell(step: StepRecord | undefined): { text: string; ok: boolean } {
  if (!step) return { text: '-', ok: true };
  const outcome = [step.status, step.error?.name].filter((part) => part !== undefined).join(' ');
  const mark = step.surprises.length === 0 ? '✓' : '✗';
  return {
    text: `${mark} ${outcome} ×${step.attempts} ${Math.round(step.elapsedMs)}ms`,
    ok: step.surprises.length === 0,
  };
}

function totals(run: TransportRun): { text: string; ok: boolean } {
  const good = run.steps.filter((step) => step.surprises.length === 0).length;
  const retries = run.steps.reduce(
    (sum, step) => sum + step.events.filter((event) => event.kind === 'retry').length,
    0,
  );
  const seconds = (run.elapsedMs / 1000).toFixed(1);
  return {
    text: `${good}/${run.steps.length} as expected, ${retries} retries, ${seconds} s`,
    ok: good === run.steps.length,
  };
}

/**
 * The closing table: one row per step, one column per transport (outcome, attempts, time), and a totals row. Times
 * are informative only; nothing is judged by them.
 */
export function formatSummary(runs: readonly TransportRun[], palette: Palette): string {
  const titles = [
    ...new Map(runs.flatMap((run) => run.steps.map((step) => [step.id, step] as const))).values(),
  ];
  const rows = titles.map((step) => ({
    label: `${String(step.index).padStart(2, '0')} ${step.id}`,
    cells: runs.map((run) => cell(run.steps.find((candidate) => candidate.id === step.id))),
  }));
  rows.push({ label: 'total', cells: runs.map(totals) });
  const labelWidth = Math.max(4, ...rows.map((row) => row.label.length));
  const widths = runs.map((run, column) =>
    Math.max(run.transport.length, ...rows.map((row) => row.cells[column]!.text.length)),
  );
  const header = [
    'step'.padEnd(labelWidth),
    ...runs.map((run, column) => run.transport.padEnd(widths[column]!)),
  ].join('  ');
  const lines = [
    palette.bold('Summary'),
    palette.bold(header.trimEnd()),
    palette.dim('-'.repeat(header.trimEnd().length)),
  ];
  for (const row of rows) {
    const cells = row.cells.map((value, column) => {
      const padded = value.text.padEnd(widths[column]!);
      return value.ok ? padded : palette.bad(padded);
    });
    lines.push([row.label.padEnd(labelWidth), ...cells].join('  ').trimEnd());
  }
  return lines.join('\n');
}
