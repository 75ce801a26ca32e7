import type { CellSample } from '../runner/cell-sample.js';
import type { RunResults } from '../runner/run-rounds.js';
import { pairedRatio } from './summarize.js';

/** One SPEC 7 target checked against a run. */
export interface TargetCheck {
  readonly target: string;
  /** The measured paired ratio (median over rounds), NaN when the run did not measure it. */
  readonly measured: number;
  readonly limit: string;
  readonly verdict: 'met' | 'missed' | 'not measured';
}

type Metric = (sample: CellSample) => number;
const cpu: Metric = (sample) => sample.cpuPerRequestUs;
const throughput: Metric = (sample) => sample.requestsPerSecond;

function check(
  results: RunResults,
  target: string,
  cell: string,
  [numerator, denominator]: [string, string],
  metric: Metric,
  comparison: { atMost?: number; atLeast?: number },
): TargetCheck {
  const byDriver = results.samples[cell] ?? {};
  const measured = pairedRatio(byDriver[numerator] ?? [], byDriver[denominator] ?? [], metric).median;
  const limit = comparison.atMost !== undefined ? `<= ${comparison.atMost}` : `>= ${comparison.atLeast}`;
  let verdict: TargetCheck['verdict'] = 'not measured';
  if (Number.isFinite(measured)) {
    const met =
      comparison.atMost !== undefined ? measured <= comparison.atMost : measured >= (comparison.atLeast ?? 0);
    verdict = met ? 'met' : 'missed';
  }
  return { target, measured, limit, verdict };
}

/** The SPEC 7 ratio targets, each as a paired ratio within the run. */
export function checkTargets(results: RunResults): TargetCheck[] {
  const checks = [
    check(
      results,
      'REST/undici CPU per request vs raw undici, small GET c=32',
      'small@32',
      ['rest-undici', 'undici'],
      cpu,
      { atMost: 1.15 },
    ),
    check(
      results,
      'REST/undici CPU per request vs raw undici, table GET c=32',
      'table@32',
      ['rest-undici', 'undici'],
      cpu,
      { atMost: 1.15 },
    ),
    check(
      results,
      'REST/undici throughput vs raw undici, small GET c=32',
      'small@32',
      ['rest-undici', 'undici'],
      throughput,
      { atLeast: 0.85 },
    ),
    check(
      results,
      'REST/undici throughput vs raw undici, table GET c=32',
      'table@32',
      ['rest-undici', 'undici'],
      throughput,
      { atLeast: 0.85 },
    ),
    check(
      results,
      'REST/fetch CPU per request vs raw fetch, small GET c=32',
      'small@32',
      ['rest-fetch', 'fetch'],
      cpu,
      { atMost: 1.1 },
    ),
    check(
      results,
      'REST/fetch CPU per request vs raw fetch, table GET c=32',
      'table@32',
      ['rest-fetch', 'fetch'],
      cpu,
      { atMost: 1.1 },
    ),
    // Not a SPEC line: the same ratio with both sides on npm undici 7's global dispatcher, isolating REST's cost.
    check(
      results,
      'REST/fetch CPU per request vs raw fetch on the same (npm undici 7) dispatcher, small GET c=32',
      'small@32',
      ['rest-fetch', 'fetch-undici7'],
      cpu,
      { atMost: 1.1 },
    ),
    check(
      results,
      'REST/fetch CPU per request vs raw fetch on the same (npm undici 7) dispatcher, table GET c=32',
      'table@32',
      ['rest-fetch', 'fetch-undici7'],
      cpu,
      { atMost: 1.1 },
    ),
  ];
  for (const rival of ['axios', 'got', 'ky']) {
    checks.push(
      check(
        results,
        `REST/undici throughput vs ${rival}, small GET c=32`,
        'small@32',
        ['rest-undici', rival],
        throughput,
        { atLeast: 3 },
      ),
    );
  }
  return checks;
}
