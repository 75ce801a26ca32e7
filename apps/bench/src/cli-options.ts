import { parseArgs } from 'node:util';
import { DEFAULT_POOL } from './drivers/bench-client.js';
import { DRIVERS, findDriver } from './drivers/driver-registry.js';
import { resolveRuntimes } from './runner/node-runtime.js';
import type { Cell, RunPlan } from './runner/run-plan.js';
import { findWorkload, WORKLOADS } from './workloads.js';

/** What `main` was asked to do. */
export interface CliOptions {
  readonly mode: 'bench' | 'soak' | 'profile' | 'h2-burst' | 'help';
  readonly plan: RunPlan;
  /** Measured bursts per client and variant in `--h2-burst` mode. @default 30 */
  readonly bursts: number;
  /** Requests the soak sends. @default 200000 */
  readonly soakRequests: number;
  /** Where the Markdown report goes. @default results/latest.md (bench), results/soak.md, results/profile-<drivers>-<cell>.md */
  readonly out: string | undefined;
  /**
   * Whether docs/benchmarks.md gets the new numbers.
   * @default true for full runs and profiles, false for bench runs with `--quick`, `--only` or `--drivers`
   */
  readonly updateDocs: boolean;
}

/** `--help` text. */
export const USAGE = `Usage: pnpm bench [options]
  --quick               smoke run (< 1 min): 1 round, 400 ms windows, every route at c=32 only
  --rounds N            rounds of interleaved measurements (default 3)
  --duration T          measured window per cell and client, e.g. 1500, 1500ms, 2s (default 1200ms)
  --warmup T            unmeasured warm-up before each window (default 300ms)
  --only LIST           routes to run, e.g. small,table or small@32 (routes: ${WORKLOADS.map((w) => w.name).join(', ')})
  --drivers LIST        clients to run (default all: ${DRIVERS.map((d) => d.id).join(', ')});
                        \`none\` runs no rounds (e.g. with --cold-start)
  --node LIST           also run every client under these Node majors, side by side, e.g. 24 (npx -y node@24)
  --cold-start          add the cold-start section (import and first request, fresh process each); on by
                        default in full and --quick runs
  --cold-runs N         fresh processes per cold-start probe and Node (default 9, 3 with --quick)
  --soak                soak mode: 200k requests through REST (undici), memory every 10k
  --soak-requests N     requests for --soak (default 200000)
  --h2-burst            HTTP/2 vs HTTP/1.1 TLS on bursts of 32 GETs from a new (or idled-out) client,
                        REST and raw undici, with the TLS handshakes the server saw (results/h2-burst.md)
  --bursts N            measured bursts per client and variant for --h2-burst (default 30)
  --profile             CPU-profile REST (undici) on small GET c=32 and list the top rest/transport costs
  --out FILE            report file (default results/latest.md, soak.md or profile-<drivers>-<cell>.md)
  --docs                update docs/benchmarks.md from a subset run too (--quick, --only, --drivers)
  --no-docs             do not update docs/benchmarks.md (subset runs only do with --docs)`;

/** Parse `500`, `500ms` or `2s` into milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(text.trim());
  if (match === null) throw new Error(`Bad duration "${text}": use 500, 500ms or 2s`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} needs a positive integer, got "${text}"`);
  return value;
}

function selectCells(only: string | undefined, quick: boolean): Cell[] {
  const cells: Cell[] = [];
  const selection = only === undefined ? WORKLOADS.map((workload) => workload.name) : only.split(',');
  for (const item of selection) {
    const [name = '', concurrencyText] = item.trim().split('@');
    const workload = findWorkload(name);
    const concurrencies =
      concurrencyText !== undefined
        ? [positiveInteger(concurrencyText, '--only')]
        : quick
          ? [32]
          : workload.concurrencies;
    for (const concurrency of concurrencies) cells.push({ workload, concurrency });
  }
  return cells;
}

/** Turn argv into a plan; throws with a readable message on a bad flag. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      drivers: { type: 'string' },
      soak: { type: 'boolean', default: false },
      'soak-requests': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'h2-burst': { type: 'boolean', default: false },
      bursts: { type: 'string' },
      out: { type: 'string' },
      node: { type: 'string' },
      'cold-start': { type: 'boolean', default: false },
      'cold-runs': { type: 'string' },
      docs: { type: 'boolean', default: false },
      'no-docs': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const quick = values.quick === true;
  const drivers =
    values.drivers === undefined
      ? DRIVERS
      : values.drivers.trim() === 'none'
        ? []
        : values.drivers.split(',').map((id) => findDriver(id.trim()));
  const isSubset = quick || values.only !== undefined || values.drivers !== undefined;
  const coldStart = values['cold-start'] === true || !isSubset || quick;
  const plan: RunPlan = {
    cells: selectCells(values.only, quick),
    drivers,
    rounds: values.rounds === undefined ? (quick ? 1 : 3) : positiveInteger(values.rounds, '--rounds'),
    durationMs: values.duration === undefined ? (quick ? 400 : 1200) : parseDuration(values.duration),
    warmupMs: values.warmup === undefined ? (quick ? 150 : 300) : parseDuration(values.warmup),
    pool: DEFAULT_POOL,
    runtimes: resolveRuntimes(
      values.node === undefined
        ? []
        : values.node.split(',').map((major) => positiveInteger(major.trim(), '--node')),
    ),
    coldStartRuns: !coldStart
      ? 0
      : values['cold-runs'] === undefined
        ? quick
          ? 3
          : 9
        : positiveInteger(values['cold-runs'], '--cold-runs'),
  };
  let mode: CliOptions['mode'] = 'bench';
  if (values.help === true) mode = 'help';
  else if (values.soak === true) mode = 'soak';
  else if (values.profile === true) mode = 'profile';
  else if (values['h2-burst'] === true) mode = 'h2-burst';
  return {
    mode,
    plan,
    bursts: values.bursts === undefined ? 30 : positiveInteger(values.bursts, '--bursts'),
    soakRequests:
      values['soak-requests'] === undefined
        ? 200_000
        : positiveInteger(values['soak-requests'], '--soak-requests'),
    out: values.out,
    // A profile run names its drivers and cell in its docs block, so subsetting flags still update the docs.
    updateDocs: values['no-docs'] !== true && (mode === 'profile' || !isSubset || values.docs === true),
  };
}
