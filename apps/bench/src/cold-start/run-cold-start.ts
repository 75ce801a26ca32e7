import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { NodeRuntime } from '../runner/node-runtime.js';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./cold-probe.mjs', import.meta.url));
const BENCH_DIRECTORY = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGES = fileURLToPath(new URL('../../../../packages/', import.meta.url));
/** undici 8, installed as the `undici8` alias by @meta/transport; it crashes on import on Node 20. */
const UNDICI8_ENTRY = pathToFileURL(join(PACKAGES, 'transport/node_modules/undici8/index.js')).href;
const UNDICI8_MIN_NODE = 22;

/** The probes, each in a fresh process: the name the probe script knows and the row label. */
export const COLD_PROBES = [
  { id: 'import-rest', label: "import('@meta/rest')" },
  { id: 'import-ky', label: "import('ky')" },
  { id: 'first-rest', label: 'REST: import + new REST() + first GET (undici loaded by the request)' },
  {
    id: 'first-rest-preloaded',
    label: 'REST, undici and @meta/rest imported before the clock: new REST() + first GET',
  },
  { id: 'first-undici', label: "raw undici 7: import('undici') + first request() + body.json()" },
  { id: 'first-undici8', label: 'raw undici 8: import + first request() + body.json() (Node >= 22)' },
] as const;

/** A probe id. */
export type ColdProbeId = (typeof COLD_PROBES)[number]['id'];

/** One fresh process's timings in milliseconds. */
export interface ColdSample {
  readonly importMs: number;
  readonly requestMs?: number;
  readonly totalMs: number;
}

/** Every sample of one runtime: `samples[probe][iteration]`; failures are kept as messages. */
export interface ColdStartRuntimeResult {
  readonly runtime: NodeRuntime;
  readonly nodeVersion: string;
  readonly samples: Partial<Record<ColdProbeId, (ColdSample | undefined)[]>>;
  readonly failures: string[];
}

/** The cold-start measurements of a run, and whether `dist/` was older than the sources it was built from. */
export interface ColdStartResults {
  readonly runs: number;
  readonly byRuntime: ColdStartRuntimeResult[];
  readonly distNote: string;
}

async function newestModification(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** The probes import the built packages: say when `dist/` is missing or older than `src/`. */
async function checkDist(): Promise<string> {
  const stale: string[] = [];
  for (const name of ['errors', 'transport', 'rest']) {
    const entry = join(PACKAGES, name, 'dist/index.js');
    let built: number;
    try {
      built = statSync(entry).mtimeMs;
    } catch {
      throw new Error(`cold start imports the built packages: ${entry} is missing (run \`pnpm build\`)`);
    }
    if ((await newestModification(join(PACKAGES, name, 'src'))) > built) stale.push(`@meta/${name}`);
  }
  return stale.length === 0
    ? 'dist/ of @meta/errors, @meta/transport and @meta/rest is newer than their src/.'
    : `WARNING: dist/ is older than src/ for ${stale.join(', ')}: run \`pnpm build\` first for current figures.`;
}

async function probeOnce(runtime: NodeRuntime, probe: ColdProbeId, origin: string): Promise<ColdSample> {
  const args =
    probe === 'first-undici8' ? [PROBE, 'first-undici', origin, UNDICI8_ENTRY] : [PROBE, probe, origin];
  const { stdout } = await run(runtime.execPath, args, { cwd: BENCH_DIRECTORY, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ColdSample;
}

async function nodeVersion(runtime: NodeRuntime): Promise<string> {
  return (await run(runtime.execPath, ['-p', 'process.version'])).stdout.trim();
}

/**
 * Run every probe `runs` times on every runtime, each in a fresh process, interleaved (A B C D A B C D ...) so
 * drift of the machine hits every probe alike. Probes run one at a time against the plain loopback server.
 */
export async function runColdStart(
  runtimes: readonly NodeRuntime[],
  origin: string,
  runs: number,
): Promise<ColdStartResults> {
  const distNote = await checkDist();
  const byRuntime: ColdStartRuntimeResult[] = [];
  for (const runtime of runtimes) {
    const result: ColdStartRuntimeResult = {
      runtime,
      nodeVersion: await nodeVersion(runtime),
      samples: {},
      failures: [],
    };
    const probes = COLD_PROBES.filter(
      (probe) => probe.id !== 'first-undici8' || runtime.major >= UNDICI8_MIN_NODE,
    );
    for (let iteration = 0; iteration < runs; iteration += 1) {
      for (const { id } of probes) {
        result.samples[id] ??= [];
        const samples = result.samples[id];
        try {
          samples[iteration] = await probeOnce(runtime, id, origin);
        } catch (error) {
          const message =
            error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error);
          if (result.failures.length < 5) result.failures.push(`${id}: ${message}`);
        }
      }
    }
    process.stderr.write(`cold start on Node ${result.nodeVersion}: ${runs} fresh processes per probe\n`);
    byRuntime.push(result);
  }
  return { runs, byRuntime, distNote };
}
