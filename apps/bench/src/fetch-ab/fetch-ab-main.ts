/**
 * In-process A/B of global fetch against the fetch transport and REST over it (`pnpm --filter @meta/bench run
 * fetch-ab`), and of the undici floor against the undici transport and REST over it (`--anchor floor`). Every
 * variant runs in one process (or one process each with `--isolate`) against the bench's loopback server; windows
 * of N requests alternate between variants in a rotating order, each window's client CPU is read with
 * `process.cpuUsage`, and every variant is reported as the median of its per-round ratios to the anchor (raw fetch
 * unless `--anchor` names another). See docs/benchmarks.md, "REST over fetch vs raw fetch" and "Session 9".
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ChildLink } from '../runner/child-link.js';
import { type NodeRuntime, resolveRuntimes } from '../runner/node-runtime.js';
import { startServer } from '../server/start-server.js';
import { findWorkload } from '../workloads.js';
import { AB_VARIANTS, selectVariants } from './fetch-ab-variants.js';
import type { WindowResult } from './fetch-ab-worker.js';
import { summarise, type VariantSummary } from './paired-ratios.js';

const USAGE = `Usage: pnpm --filter @meta/bench run fetch-ab [options]
  --variants LIST   variants besides raw fetch (default all: ${AB_VARIANTS.map((v) => v.id).join(', ')})
  --anchor ID       the variant every other is divided by, round by round (default fetch), e.g. to measure a
                    change as new / old
  --only LIST       routes, e.g. small,table (default small,table)
  --node LIST       also run on these Node majors (npx -y node@N), e.g. 24
  --rounds N        measured rounds, each one window per variant (default 15)
  --warmup N        unmeasured rounds first (default 3)
  --requests N      requests per window (default 1500)
  --concurrency N   requests in flight (default 32)
  --isolate         one process per variant (windows still interleaved) instead of one process for all
  --user            compare user-mode CPU only (leaves out the kernel's share: socket calls and wake-ups)
  --out FILE        also write the Markdown report there`;

interface AbOptions {
  readonly variants: string[];
  readonly anchor: string;
  readonly routes: string[];
  readonly runtimes: NodeRuntime[];
  readonly rounds: number;
  readonly warmup: number;
  readonly requests: number;
  readonly concurrency: number;
  readonly isolate: boolean;
  readonly userOnly: boolean;
  readonly out: string | undefined;
}

function positiveInteger(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`--${name} must be a whole number, got "${text}"`);
  return value;
}

function parseOptions(argv: readonly string[]): AbOptions | undefined {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      variants: { type: 'string' },
      anchor: { type: 'string' },
      only: { type: 'string' },
      node: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      requests: { type: 'string' },
      concurrency: { type: 'string' },
      isolate: { type: 'boolean' },
      user: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return undefined;
  const list = (text: string | undefined) => (text ?? '').split(',').filter((item) => item !== '');
  const routes = list(values.only ?? 'small,table');
  for (const route of routes) findWorkload(route);
  const variants = selectVariants(list(values.variants)).map((variant) => variant.id);
  const anchor = values.anchor ?? 'fetch';
  if (!variants.includes(anchor)) throw new Error(`--anchor ${anchor} is not one of the variants run`);
  return {
    variants,
    anchor,
    routes,
    runtimes: resolveRuntimes(list(values.node).map(Number)),
    rounds: positiveInteger(values.rounds, 15, 'rounds'),
    warmup: positiveInteger(values.warmup, 3, 'warmup'),
    requests: positiveInteger(values.requests, 1500, 'requests'),
    concurrency: positiveInteger(values.concurrency, 32, 'concurrency'),
    isolate: values.isolate === true,
    userOnly: values.user === true,
    out: values.out,
  };
}

/** The worker processes of one runtime: one for every variant, or one per variant with `--isolate`. */
async function startWorkers(origin: string, options: AbOptions, runtime: NodeRuntime) {
  const groups = options.isolate ? options.variants.map((id) => [id]) : [options.variants];
  const byVariant = new Map<string, ChildLink>();
  for (const group of groups) {
    const { link } = await ChildLink.start(new URL('./fetch-ab-worker.ts', import.meta.url), {
      args: [origin, group.join(',')],
      readyType: 'ready',
      execPath: runtime.execPath,
    });
    for (const id of group) byVariant.set(id, link);
  }
  return byVariant;
}

/** Rounds of one window per variant, rotating which goes first; CPU per request by variant and round. */
async function runRounds(links: Map<string, ChildLink>, route: string, options: AbOptions) {
  const perRound = new Map<string, number[]>(options.variants.map((id) => [id, []]));
  const ids = options.variants;
  for (let round = 0; round < options.warmup + options.rounds; round += 1) {
    for (let step = 0; step < ids.length; step += 1) {
      const id = ids[(round + step) % ids.length]!;
      const message = { type: 'window', variant: id, route, requests: options.requests };
      const result = await links
        .get(id)!
        .call<WindowResult & { type: string }>({ ...message, concurrency: options.concurrency }, 'window');
      const cpu = options.userOnly ? result.userMicroseconds : result.cpuMicroseconds;
      if (round >= options.warmup) perRound.get(id)!.push(cpu / result.requests);
    }
  }
  return perRound;
}

function formatTable(title: string, anchor: string, summaries: readonly VariantSummary[]): string {
  const rows = summaries.map(
    (summary) =>
      `| ${summary.id} | ${summary.label} | ${summary.cpuPerRequest.toFixed(1)} | ` +
      `${summary.ratio.toFixed(2)}x | ${summary.ratioLow.toFixed(2)}-${summary.ratioHigh.toFixed(2)} |`,
  );
  return [
    `### ${title}`,
    '',
    `| variant | what | CPU us/req (median) | x ${anchor} (median of paired ratios) | middle half |`,
    '|---|---|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options === undefined) return void console.log(USAGE);
  const labels = new Map(AB_VARIANTS.map((variant) => [variant.id, variant.label]));
  const server = await startServer();
  const sections: string[] = [
    `# fetch A/B (${new Date().toISOString()})`,
    '',
    `\`fetch-ab ${process.argv.slice(2).join(' ')}\`: ${options.rounds} rounds (after ${options.warmup} warm-up) of ` +
      `${options.requests}-request windows at c=${options.concurrency}, ` +
      `${options.isolate ? 'one process per variant' : 'all variants in one process'}` +
      `${options.userOnly ? ', user-mode CPU only' : ''}.`,
    '',
  ];
  try {
    for (const runtime of options.runtimes) {
      const links = await startWorkers(server.origin, options, runtime);
      try {
        for (const route of options.routes) {
          const perRound = await runRounds(links, route, options);
          const title = `${route}@${options.concurrency}, Node ${runtime.major}`;
          const section = formatTable(title, options.anchor, summarise(perRound, labels, options.anchor));
          console.log(section);
          sections.push(section);
        }
      } finally {
        for (const link of new Set(links.values())) await link.close();
      }
    }
  } finally {
    await server.close();
  }
  if (options.out !== undefined) writeFileSync(options.out, sections.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
