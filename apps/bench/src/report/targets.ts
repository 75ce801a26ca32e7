import type { CellSample } from '../runner/cell-sample.js';
import { instanceKey, type NodeRuntime } from '../runner/node-runtime.js';
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

/** How a measured ratio must compare with its limit. */
type Comparison = { atMost: number } | { atLeast: number } | { above: number };

/** A target on one cell: `numerator / denominator` (driver ids) of `metric`, paired by round. */
interface TargetDefinition {
  readonly target: string;
  readonly cell: string;
  readonly pair: readonly [string, string];
  readonly metric: Metric;
  readonly comparison: Comparison;
}

function limitText(comparison: Comparison): string {
  if ('atMost' in comparison) return `<= ${comparison.atMost}`;
  if ('atLeast' in comparison) return `>= ${comparison.atLeast}`;
  return `> ${comparison.above}`;
}

function meets(measured: number, comparison: Comparison): boolean {
  if ('atMost' in comparison) return measured <= comparison.atMost;
  if ('atLeast' in comparison) return measured >= comparison.atLeast;
  return measured > comparison.above;
}

function check(results: RunResults, definition: TargetDefinition, runtime: NodeRuntime, suffix: string) {
  const byDriver = results.samples[definition.cell] ?? {};
  const [numerator, denominator] = definition.pair.map((id) => byDriver[instanceKey(id, runtime)] ?? []);
  const measured = pairedRatio(numerator ?? [], denominator ?? [], definition.metric).median;
  const verdict: TargetCheck['verdict'] = !Number.isFinite(measured)
    ? 'not measured'
    : meets(measured, definition.comparison)
      ? 'met'
      : 'missed';
  return { target: definition.target + suffix, measured, limit: limitText(definition.comparison), verdict };
}

/** `small` and `table` at c=32: the cells SPEC 7 judges the hot path on. */
function onSmallAndTable(
  describe: (route: string) => string,
  pair: readonly [string, string],
  metric: Metric,
  comparison: Comparison,
): TargetDefinition[] {
  return ['small', 'table'].map((route) => ({
    target: describe(route),
    cell: `${route}@32`,
    pair,
    metric,
    comparison,
  }));
}

/** Every SPEC 7 ratio target the throughput rounds can measure, in report order. */
const DEFINITIONS: readonly TargetDefinition[] = [
  ...onSmallAndTable(
    (route) => `REST/undici CPU per request vs raw undici, ${route} GET c=32`,
    ['rest-undici', 'undici'],
    cpu,
    { atMost: 1.15 },
  ),
  ...onSmallAndTable(
    (route) => `REST/undici throughput vs raw undici, ${route} GET c=32`,
    ['rest-undici', 'undici'],
    throughput,
    { atLeast: 0.85 },
  ),
  ...onSmallAndTable(
    (route) => `(v2) REST/undici CPU per request vs the floor, ${route} GET c=32`,
    ['rest-undici', 'floor'],
    cpu,
    { atMost: 1.15 },
  ),
  ...onSmallAndTable(
    (route) => `(v2) REST/undici throughput vs the floor, ${route} GET c=32`,
    ['rest-undici', 'floor'],
    throughput,
    { atLeast: 0.9 },
  ),
  ...onSmallAndTable(
    (route) => `REST/fetch CPU per request vs raw fetch, ${route} GET c=32`,
    ['rest-fetch', 'fetch'],
    cpu,
    { atMost: 1.1 },
  ),
  // Not a SPEC line: raw fetch after `import 'undici'` swapped the global dispatcher (see the driver's notes).
  ...onSmallAndTable(
    (route) => `REST/fetch CPU per request vs raw fetch on npm undici 7's dispatcher, ${route} GET c=32`,
    ['rest-fetch', 'fetch-undici7'],
    cpu,
    { atMost: 1.1 },
  ),
  {
    target: '(v2) REST over HTTP/2 (allowH2) throughput vs REST over HTTP/1.1, both TLS, small GET c=32',
    cell: 'small@32',
    pair: ['rest-undici-h2', 'rest-undici-tls'],
    metric: throughput,
    comparison: { above: 1 },
  },
  ...['axios', 'got', 'ky'].map((rival) => ({
    target: `REST/undici throughput vs ${rival}, small GET c=32`,
    cell: 'small@32',
    pair: ['rest-undici', rival] as const,
    metric: throughput,
    comparison: { atLeast: 3 },
  })),
];

/** The SPEC 7 ratio targets, each as a paired ratio within the run, on every Node the run used. */
export function checkTargets(results: RunResults, runtimes: readonly NodeRuntime[]): TargetCheck[] {
  return runtimes.flatMap((runtime) => {
    const suffix = runtimes.length > 1 ? ` [Node ${runtime.major}]` : '';
    return DEFINITIONS.map((definition) => check(results, definition, runtime, suffix));
  });
}
