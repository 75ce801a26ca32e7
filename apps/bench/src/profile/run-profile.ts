import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliOptions } from '../cli-options.js';
import { DRIVERS, findDriver } from '../drivers/driver-registry.js';
import { machineLine } from '../report/machine-info.js';
import { RESULTS_DIRECTORY, updateDocsBlock, writeReport } from '../report/report-files.js';
import type { CellSample } from '../runner/cell-sample.js';
import { startDriverProcess } from '../runner/driver-process.js';
import { hostRuntime } from '../runner/node-runtime.js';
import { type ServerProcess, startServer } from '../server/start-server.js';
import { type CpuProfile, type ProfileSummary, summarizeProfile } from './cpu-profile-summary.js';
import { SourceMapLookup } from './source-map-lookup.js';

const PROFILE_DIRECTORY = join(RESULTS_DIRECTORY, 'profiles');
/** Sample every 100 us: about 50k samples in a 5 s window, enough for functions costing 0.5% of the time. */
const SAMPLING_INTERVAL_US = 100;
/** The clients profiled side by side unless `--drivers` names others: REST over undici and the floor. */
const PROFILED = ['rest-undici', 'floor'] as const;

interface Profiled {
  readonly driverId: string;
  readonly cell: string;
  readonly sample: CellSample;
  readonly summary: ProfileSummary;
}

/**
 * The main thread's profile. Node writes one file per thread, and under tsx the module-loader hooks run on their
 * own thread, so a fixed `--cpu-prof-name` would let the loader thread overwrite the main thread's profile.
 */
async function mainThreadProfile(directory: string): Promise<CpuProfile> {
  const names = (await readdir(directory)).filter((name) => name.endsWith('.cpuprofile'));
  const sized = await Promise.all(
    names.map(async (name) => ({ name, size: (await stat(join(directory, name))).size })),
  );
  const largest = sized.sort((a, b) => b.size - a.size)[0];
  if (largest === undefined) throw new Error(`no .cpuprofile written in ${directory}`);
  return JSON.parse(await readFile(join(directory, largest.name), 'utf8')) as CpuProfile;
}

async function profileDriver(
  driverId: string,
  server: ServerProcess,
  options: CliOptions,
): Promise<Profiled> {
  const directory = join(PROFILE_DIRECTORY, driverId);
  // Small GET at c=32 (the SPEC 7 target cell) unless `--only` picked another cell.
  const cell =
    options.plan.cells.find(
      (candidate) => candidate.workload.name === 'small' && candidate.concurrency === 32,
    ) ?? options.plan.cells[0];
  const workload = cell?.workload.name ?? 'small';
  const concurrency = cell?.concurrency ?? 32;
  const instance = { key: driverId, driver: findDriver(driverId), runtime: hostRuntime() };
  const context = {
    origin: server.origin,
    pool: options.plan.pool,
    tls: instance.driver.tls === true ? server.tls : undefined,
  };
  const driver = await startDriverProcess(instance, context, [
    '--cpu-prof',
    `--cpu-prof-dir=${directory}`,
    `--cpu-prof-interval=${SAMPLING_INTERVAL_US}`,
  ]);
  await driver.warm(workload, concurrency, 1_000);
  const sample = await driver.measure(workload, concurrency, Math.max(options.plan.durationMs, 5_000), 500);
  // The profile is written when the process exits.
  await driver.close();
  return {
    driverId,
    cell: `${workload}@${concurrency}`,
    sample,
    summary: summarizeWindow(await mainThreadProfile(directory), sample),
  };
}

/**
 * Summarise the measured window only. If the window holds no sample (the clocks disagree), fall back to the whole
 * profile, start-up included, and say so in the report through `windowShare` = 1.
 */
function summarizeWindow(profile: CpuProfile, sample: CellSample): ProfileSummary {
  const sourceMaps = new SourceMapLookup();
  if (sample.windowStartUs !== undefined && sample.windowEndUs !== undefined) {
    const summary = summarizeProfile(profile, sourceMaps, {
      startUs: sample.windowStartUs,
      endUs: sample.windowEndUs,
    });
    if (summary.busyMicroseconds > 0) return summary;
  }
  return summarizeProfile(profile, sourceMaps);
}

function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

function perRequest(share: number, sample: CellSample): string {
  return (share * sample.cpuPerRequestUs).toFixed(1);
}

function frameLines(
  profiled: Profiled,
  key: 'selfShare' | 'totalShare',
  limit: number,
  ownOnly: boolean,
): string[] {
  const own = profiled.summary.frames
    .filter((frame) => !ownOnly || frame.category === 'rest' || frame.category === 'transport')
    .filter((frame) => frame.name !== '(root)')
    .sort((a, b) => b[key] - a[key])
    .slice(0, limit);
  return [
    `| function | where | category | ${key === 'selfShare' ? 'self' : 'inclusive'} | us/request |`,
    '|---|---|---|---:|---:|',
    ...own.map(
      (frame) =>
        `| \`${frame.name}\` | ${frame.location} | ${frame.category} | ${percent(frame[key])} | ` +
        `${perRequest(frame[key], profiled.sample)} |`,
    ),
  ];
}

function categoryLines(runs: readonly Profiled[]): string[] {
  const categories = Object.keys(runs[0]?.summary.byCategory ?? {}) as (keyof ProfileSummary['byCategory'])[];
  return [
    `| self time in | ${runs.map((run) => run.driverId).join(' | ')} |`,
    `|---|${runs.map(() => '---:').join('|')}|`,
    ...categories.map(
      (category) =>
        `| ${category} | ${runs
          .map(
            (run) =>
              `${percent(run.summary.byCategory[category])} (${perRequest(run.summary.byCategory[category], run.sample)} us)`,
          )
          .join(' | ')} |`,
    ),
    `| **CPU per request** | ${runs.map((run) => `${run.sample.cpuPerRequestUs.toFixed(1)} us`).join(' | ')} |`,
  ];
}

/** Profile REST over undici and the floor on the small GET at c=32, and list what rest/transport cost. */
export async function runProfile(options: CliOptions, command: string): Promise<void> {
  await rm(PROFILE_DIRECTORY, { recursive: true, force: true });
  await mkdir(PROFILE_DIRECTORY, { recursive: true });
  const chosen: readonly string[] =
    options.plan.drivers.length < DRIVERS.length ? options.plan.drivers.map((d) => d.id) : PROFILED;
  if (chosen.length === 0) throw new Error('--profile needs at least one driver');
  const server = await startServer({ tls: chosen.some((driverId) => findDriver(driverId).tls === true) });
  const runs: Profiled[] = [];
  try {
    for (const driverId of chosen) runs.push(await profileDriver(driverId, server, options));
  } finally {
    await server.close();
  }
  const rest = runs[0]!;
  const lines = [
    `Command: \`${command}\` (profiles in apps/bench/results/profiles/, open them in Chrome DevTools)`,
    '',
    `Machine: ${machineLine()}`,
    '',
    `Cell ${runs[0]?.cell ?? '?'}, ${SAMPLING_INTERVAL_US} us sampling (the profiler itself adds CPU: compare the ` +
      'columns, not these absolute numbers with the benchmark table). us/request = share x measured CPU per request. ' +
      `Only samples inside the measured window count (start-up, module loading and warm-up left out): ` +
      `${runs.map((run) => `${run.driverId} ${percent(run.summary.windowShare)} of its profile`).join(', ')}.`,
    '',
    ...categoryLines(runs),
    '',
    `**Top self time in packages/rest and packages/transport (${rest.driverId}):**`,
    '',
    ...frameLines(rest, 'selfShare', 15, true),
    '',
    `**Top inclusive time in packages/rest and packages/transport (${rest.driverId}):**`,
    '',
    ...frameLines(rest, 'totalShare', 15, true),
    '',
    `**Top self time anywhere (${rest.driverId}), for context:**`,
    '',
    ...frameLines(rest, 'selfShare', 15, false),
    '',
    `**Top self time anywhere (${runs[1]?.driverId ?? 'anchor'}):**`,
    '',
    ...(runs[1] === undefined ? [] : frameLines(runs[1], 'selfShare', 15, false)),
  ];
  const report = `${lines.join('\n')}\n`;
  // One report and one docs block per profiled pair and cell, so profiling another cell never erases this one.
  const name = `profile-${runs.map((run) => run.driverId).join('-vs-')}-${rest.cell.replace('@', '-c')}`;
  const out = options.out ?? join(RESULTS_DIRECTORY, `${name}.md`);
  const written = [await writeReport(out, `# CPU profile\n\n${report}`)];
  if (options.updateDocs) written.push(await updateDocsBlock(name, report));
  process.stdout.write(`${report}\nWrote ${written.join(', ')}\n`);
}
