/**
 * `pnpm bench`: a loopback server in its own process, one process per client, interleaved rounds, and a Markdown
 * report in apps/bench/results/latest.md (plus docs/benchmarks.md for full runs). See `--help`.
 */
import { join } from 'node:path';
import { type CliOptions, parseCliOptions, USAGE } from './cli-options.js';
import { coldStartTargets } from './cold-start/cold-start-report.js';
import { runColdStart } from './cold-start/run-cold-start.js';
import { runH2Burst } from './h2-burst/run-h2-burst.js';
import { runProfile } from './profile/run-profile.js';
import { markdownReport } from './report/markdown-report.js';
import { RESULTS_DIRECTORY, updateDocsBlock, writeReport } from './report/report-files.js';
import { summarize } from './report/summarize.js';
import { checkTargets } from './report/targets.js';
import type { RunPlan } from './runner/run-plan.js';
import { runRounds } from './runner/run-rounds.js';
import { startServer } from './server/start-server.js';
import { runSoak } from './soak/run-soak.js';

function commandLine(): string {
  const args = process.argv.slice(2);
  return ['pnpm bench', ...args].join(' ');
}

/** Cold start against its own loopback server, after the rounds so its processes never overlap them. */
async function coldStart(plan: RunPlan) {
  if (plan.coldStartRuns === 0) return undefined;
  const server = await startServer();
  try {
    return await runColdStart(plan.runtimes, server.origin, plan.coldStartRuns);
  } catch (error) {
    process.stderr.write(
      `! cold start did not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return undefined;
  } finally {
    await server.close();
  }
}

async function bench(options: CliOptions): Promise<void> {
  const startedAt = new Date();
  const results = await runRounds(options.plan);
  const cold = await coldStart(options.plan);
  const finishedAt = new Date();
  const rows = summarize(options.plan, results);
  const targets = [
    ...checkTargets(results, options.plan.runtimes),
    ...(cold === undefined ? [] : coldStartTargets(cold)),
  ];
  const report = markdownReport({
    command: commandLine(),
    startedAt,
    finishedAt,
    plan: options.plan,
    results,
    rows,
    targets,
    coldStart: cold,
  });
  const out = options.out ?? join(RESULTS_DIRECTORY, 'latest.md');
  const written = [await writeReport(out, `# Benchmark results\n\n${report}`)];
  const rawOut = `${out.replace(/\.md$/, '')}.raw.json`;
  written.push(await writeReport(rawOut, JSON.stringify(results, null, 2)));
  if (options.updateDocs) written.push(await updateDocsBlock('results', report));
  process.stdout.write(`${report}\nWrote ${written.join(', ')}\n`);
}

async function main(): Promise<void> {
  const options = parseCliOptions(process.argv.slice(2));
  if (options.mode === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (options.mode === 'soak') return runSoak(options, commandLine());
  if (options.mode === 'profile') return runProfile(options, commandLine());
  if (options.mode === 'h2-burst') return runH2Burst(options, commandLine());
  return bench(options);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
