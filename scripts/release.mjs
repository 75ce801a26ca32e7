#!/usr/bin/env node
// `pnpm release`: apply the pending changesets (versions, changelogs), then publish every package whose new version
// is not on the registry yet. `changeset publish` spawns a bare `pnpm`, which a fresh machine does not have, so a
// shim running the pinned pnpm through npx goes on PATH first when needed. The registry is npm's configured one
// (`npm_config_registry` or .npmrc); the release rehearsal points it at a local verdaccio.
// Extra arguments go to `changeset publish` (e.g. `pnpm release --tag next`).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathWithPnpm } from './lib/pnpm.mjs';
import { workspaceRoot } from './lib/published-packages.mjs';

const changeset = join(workspaceRoot, 'node_modules', '.bin', 'changeset');
const { path, shimFolder } = pathWithPnpm();
const env = { ...process.env, PATH: path, TURBO_TELEMETRY_DISABLED: '1' };
let status = 0;
try {
  for (const args of [['version'], ['publish', ...process.argv.slice(2)]]) {
    console.log(`\n> changeset ${args.join(' ')}`);
    status = spawnSync(changeset, args, { cwd: workspaceRoot, stdio: 'inherit', env }).status ?? 1;
    if (status !== 0) break;
  }
} finally {
  if (shimFolder !== undefined) rmSync(shimFolder, { recursive: true, force: true });
}
process.exit(status);
