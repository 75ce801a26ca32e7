import { join } from 'node:path';
import type { CliOptions } from '../cli-options.js';
import { machineLine } from '../report/machine-info.js';
import { RESULTS_DIRECTORY, updateDocsBlock, writeReport } from '../report/report-files.js';
import { ChildLink } from '../runner/child-link.js';
import { startServer } from '../server/start-server.js';
import type { MemorySample, SoakResult } from './soak-sample.js';

const SOAK_CONCURRENCY = 32;
/** SPEC 7: RSS growth over the soak. */
const RSS_GROWTH_LIMIT_BYTES = 20 * 1024 * 1024;

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Least-squares slope of RSS against requests over the second half of the samples, in bytes per request: what
 * each request adds once start-up and JIT warm-up are over (a leak shows here whatever the warm-up did).
 */
function lateRssSlope(samples: readonly MemorySample[]): number {
  const late = samples.slice(Math.floor(samples.length / 2));
  if (late.length < 3) return Number.NaN;
  const meanX = late.reduce((sum, sample) => sum + sample.requests, 0) / late.length;
  const meanY = late.reduce((sum, sample) => sum + sample.rssBytes, 0) / late.length;
  let covariance = 0;
  let variance = 0;
  for (const sample of late) {
    covariance += (sample.requests - meanX) * (sample.rssBytes - meanY);
    variance += (sample.requests - meanX) ** 2;
  }
  return covariance / variance;
}

/** `+1.2 MB`: how much a memory figure moved between two samples. */
function signedMegabytes(
  first: MemorySample | undefined,
  last: MemorySample | undefined,
  field: 'heapUsedBytes' | 'heapTotalBytes' | 'newSpaceBytes' | 'externalBytes',
): string {
  if (first === undefined || last === undefined) return 'n/a';
  const change = last[field] - first[field];
  return `${change >= 0 ? '+' : ''}${megabytes(change)}`;
}

function handleList(counts: Record<string, number>): string {
  const entries = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b));
  return entries.map(([type, count]) => `${type} x${count}`).join(', ') || 'none';
}

function sameCounts(a: Record<string, number>, b: Record<string, number>): boolean {
  const types = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...types].every((type) => (a[type] ?? 0) === (b[type] ?? 0));
}

/** The soak as Markdown: the memory series, growth after warm-up, and active handles before and after. */
export function soakReport(result: SoakResult, command: string): string {
  const first = result.samples.find((sample) => sample.requests > 0) ?? result.samples[0];
  const last = result.samples.at(-1);
  const growth = first !== undefined && last !== undefined ? last.rssBytes - first.rssBytes : Number.NaN;
  const handlesBack = sameCounts(result.handles.baseline, result.handles.afterClose);
  const lines = [
    `Command: \`${command}\``,
    '',
    `Machine: ${machineLine()}`,
    '',
    `Client: ${result.driverId}, small GET, concurrency ${result.concurrency}, ${result.requests} requests, ` +
      `${result.errors} errors${result.firstError === undefined ? '' : ` (${result.firstError})`}. ` +
      'Each sample follows a forced GC (`--expose-gc`).',
    '',
    `- RSS growth from the first sample (10k, warm) to the last: **${megabytes(growth)}** ` +
      `(limit 20 MB: ${growth < RSS_GROWTH_LIMIT_BYTES ? 'met' : 'missed'}).`,
    `- Over the same samples: heap used after GC (what the process retains) ${signedMegabytes(first, last, 'heapUsedBytes')}, ` +
      `V8's committed heap ${signedMegabytes(first, last, 'heapTotalBytes')} ` +
      `(new space ${signedMegabytes(first, last, 'newSpaceBytes')}), ` +
      `external ${signedMegabytes(first, last, 'externalBytes')}.`,
    `- RSS slope over the second half of the run (least squares): ${lateRssSlope(result.samples).toFixed(1)} ` +
      'bytes per request.',
    `- Active handles before the client: ${handleList(result.handles.baseline)}.`,
    `- At the end of the load (pool still open): ${handleList(result.handles.endOfLoad)}.`,
    `- After \`close()\`: ${handleList(result.handles.afterClose)} ` +
      `(back to baseline: ${handlesBack ? 'yes' : 'no'}).`,
    '',
    '| requests | RSS | heap used | heap committed | of which new space | external | elapsed s |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...result.samples.map(
      (sample) =>
        `| ${sample.requests} | ${megabytes(sample.rssBytes)} | ${megabytes(sample.heapUsedBytes)} | ` +
        `${megabytes(sample.heapTotalBytes)} | ${megabytes(sample.newSpaceBytes)} | ` +
        `${megabytes(sample.externalBytes)} | ${(sample.elapsedMs / 1000).toFixed(1)} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Soak one client (REST over undici unless `--drivers` names another) in its own process. */
export async function runSoak(options: CliOptions, command: string): Promise<void> {
  const driverId =
    options.plan.drivers.length === 1 ? (options.plan.drivers[0]?.id ?? 'rest-undici') : 'rest-undici';
  const server = await startServer();
  let result: SoakResult;
  try {
    const { link, ready } = await ChildLink.start(new URL('./soak-main.ts', import.meta.url), {
      args: [
        driverId,
        server.origin,
        JSON.stringify(options.plan.pool),
        String(options.soakRequests),
        String(SOAK_CONCURRENCY),
      ],
      execArgv: ['--expose-gc'],
      readyType: 'soak',
    });
    result = (ready as unknown as { result: SoakResult }).result;
    await link.close();
  } finally {
    await server.close();
  }
  const report = soakReport(result, command);
  const written = [
    await writeReport(options.out ?? join(RESULTS_DIRECTORY, 'soak.md'), `# Soak results\n\n${report}`),
  ];
  const isFullSoak = options.soakRequests >= 200_000 && driverId === 'rest-undici';
  if (options.updateDocs && isFullSoak) written.push(await updateDocsBlock('soak', report));
  process.stdout.write(`${report}\nWrote ${written.join(', ')}\n`);
}
