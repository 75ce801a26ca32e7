import { median, range } from '../report/statistics.js';
import type { TargetCheck } from '../report/targets.js';
import {
  COLD_PROBES,
  type ColdProbeId,
  type ColdSample,
  type ColdStartResults,
  type ColdStartRuntimeResult,
} from './run-cold-start.js';

type ColdMetric = (sample: ColdSample) => number | undefined;
const importTime: ColdMetric = (sample) => sample.importMs;
const requestTime: ColdMetric = (sample) => sample.requestMs;
const totalTime: ColdMetric = (sample) => sample.totalMs;

function values(result: ColdStartRuntimeResult, probe: ColdProbeId, metric: ColdMetric): number[] {
  return (result.samples[probe] ?? []).map((sample) =>
    sample === undefined ? Number.NaN : (metric(sample) ?? Number.NaN),
  );
}

/** Median over iterations of `numerator / denominator` from the same iteration (both fresh processes). */
function pairedColdRatio(
  result: ColdStartRuntimeResult,
  [numerator, denominator]: readonly [ColdProbeId, ColdProbeId],
  metric: ColdMetric,
): number {
  const top = values(result, numerator, metric);
  const bottom = values(result, denominator, metric);
  return median(top.map((value, index) => value / (bottom[index] ?? Number.NaN)));
}

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(1) : 'n/a';
}

function check(target: string, measured: number, atMost: number): TargetCheck {
  const verdict = !Number.isFinite(measured) ? 'not measured' : measured <= atMost ? 'met' : 'missed';
  return { target, measured, limit: `<= ${atMost}`, verdict };
}

/** The SPEC 7 (v2) cold-start targets on every runtime of the run. */
export function coldStartTargets(results: ColdStartResults): TargetCheck[] {
  return results.byRuntime.flatMap((result) => {
    const node = ` [Node ${result.runtime.major}]`;
    return [
      check(
        `(v2) import('@meta/rest') vs import('ky')${node}`,
        pairedColdRatio(result, ['import-rest', 'import-ky'], importTime),
        1.5,
      ),
      check(
        `(v2) REST first request (import + client + GET) vs raw undici's (import + request)${node}`,
        pairedColdRatio(result, ['first-rest', 'first-undici'], totalTime),
        1.2,
      ),
    ];
  });
}

function runtimeLines(result: ColdStartRuntimeResult): string[] {
  const lines = [
    `**Node ${result.nodeVersion}**`,
    '',
    '| probe (fresh process each) | import ms | first request ms | total ms (min-max) | runs |',
    '|---|---:|---:|---:|---:|',
  ];
  for (const probe of COLD_PROBES) {
    const samples = result.samples[probe.id];
    if (samples === undefined) continue;
    const totals = values(result, probe.id, totalTime);
    const spread = range(totals);
    lines.push(
      `| ${probe.label} | ${ms(median(values(result, probe.id, importTime)))} | ` +
        `${ms(median(values(result, probe.id, requestTime)))} | ${ms(median(totals))} (${ms(spread.min)}-${ms(spread.max)}) | ` +
        `${totals.filter(Number.isFinite).length} |`,
    );
  }
  const requestOnly = pairedColdRatio(result, ['first-rest', 'first-undici'], requestTime);
  const preloaded = pairedColdRatio(result, ['first-rest-preloaded', 'first-undici'], requestTime);
  const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a');
  lines.push(
    '',
    `First request alone (after each import; REST's includes loading undici): REST / raw undici 7 = ${times(requestOnly)}.`,
    '',
    `Both preloaded (undici and the library imported before the clock): REST's new REST() + first GET / raw ` +
      `undici 7's first request() = ${times(preloaded)}.`,
  );
  for (const failure of result.failures) lines.push('', `- failed: ${failure}`);
  return lines;
}

/** The cold-start section: how it was measured, one table per Node, and the dist/ freshness note. */
export function coldStartLines(results: ColdStartResults): string[] {
  return [
    `Cold start: ${results.runs} fresh processes per probe and Node, interleaved; medians. Each probe runs on plain ` +
      '`node` (no tsx), importing the built `dist/` as an installed package would; times are taken inside the ' +
      "process with `performance.now()`, so Node's own start-up (the same for every probe) is not counted. " +
      'Ratios are medians of per-iteration ratios. Raw undici 7 is npm undici 7.30.2, the copy REST loads.',
    '',
    results.distNote,
    '',
    ...results.byRuntime.flatMap((result) => [...runtimeLines(result), '']),
  ];
}
