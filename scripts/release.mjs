#!/usr/bin/env node
// `pnpm release`: apply the pending changesets (versions, changelogs), build every published package from an empty
// dist/, then publish every package whose new version is not on the registry yet (`changeset publish`).
// - `changeset publish` spawns a bare `pnpm`, which a fresh machine does not have: a shim running the pinned pnpm
//   goes on PATH first when needed.
// - changesets publishes packages concurrently; a prepack that builds its dependencies would then rebuild shared
//   dist/ folders while a sibling packs them. So the release builds everything once, up front, and tells each
//   prepack (META_RELEASE_BUILT=1) to only check its build output.
// The registry is npm's configured one (`npm_config_registry` or .npmrc; the release rehearsal points it at a
// local verdaccio). Extra arguments go to `changeset publish` (e.g. `pnpm release --tag next`).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathWithPnpm } from './lib/pnpm.mjs';
import { publishedPackages, workspaceRoot } from './lib/published-packages.mjs';

const bin = (name) => join(workspaceRoot, 'node_modules', '.bin', name);
const { path, shimFolder } = pathWithPnpm();
const env = { ...process.env, PATH: path, TURBO_TELEMETRY_DISABLED: '1' };

function step(title, command, args, extraEnv = {}) {
  console.log(`\n> ${title}`);
  const status = spawnSync(command, args, {
    cwd: workspaceRoot,
    stdio: 'inherit',
    env: { ...env, ...extraEnv },
  }).status;
  if (status !== 0) throw new Error(`${title} failed (exit ${status})`);
}

let failure;
try {
  step('changeset version', bin('changeset'), ['version']);
  const published = publishedPackages();
  for (const pkg of published) rmSync(join(pkg.directory, 'dist'), { recursive: true, force: true });
  const filters = published.map((pkg) => `--filter=${pkg.name}`);
  step('build (clean)', bin('turbo'), [
    'run',
    'build',
    ...filters,
    '--force',
    '--output-logs=errors-only',
    '--ui=stream',
  ]);
  step('changeset publish', bin('changeset'), ['publish', ...process.argv.slice(2)], {
    META_RELEASE_BUILT: '1',
  });
} catch (error) {
  failure = error;
} finally {
  if (shimFolder !== undefined) rmSync(shimFolder, { recursive: true, force: true });
}
if (failure !== undefined) {
  console.error(`release: ${failure.message}`);
  process.exit(1);
}
