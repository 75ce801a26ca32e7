// How the workspace scripts reach pnpm on a machine that may not have it on PATH (a fresh machine has only Node and
// npm; the README's commands go through `npx -y pnpm@10.34.9`).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The pinned pnpm; newer majors do not run on Node 20 (see the toolchain notes in docs/releasing.md). */
export const PNPM_SPEC = 'pnpm@10.34.9';

/** `[command, ...leadingArgs]` that runs pnpm: the pnpm running this script when there is one, else npx. */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath?.includes('pnpm')) return [process.execPath, execPath];
  return ['npx', '-y', PNPM_SPEC];
}

/** True when a bare `pnpm` resolves on the given PATH. */
export function pnpmOnPath(path = process.env.PATH ?? '') {
  const probe = spawnSync('pnpm', ['--version'], { env: { ...process.env, PATH: path }, stdio: 'ignore' });
  return probe.status === 0;
}

/**
 * A PATH on which a bare `pnpm` works: unchanged when it already does, else with a temp folder in front that holds
 * a `pnpm` shim running the pinned version (changesets and turbo spawn a bare `pnpm`). npx fetches the pinned pnpm
 * once here and the shim calls its executable directly, so each spawn does not pay for npx again.
 * Returns `{ path, shimFolder }`; the caller removes `shimFolder` when it is set.
 */
export function pathWithPnpm(path = process.env.PATH ?? '') {
  if (pnpmOnPath(path)) return { path, shimFolder: undefined };
  const executable = execFileSync('npx', ['-y', '-p', PNPM_SPEC, 'sh', '-c', 'command -v pnpm'], {
    encoding: 'utf8',
    env: { ...process.env, PATH: path },
  }).trim();
  const shimFolder = mkdtempSync(join(tmpdir(), 'meta-pnpm-shim-'));
  const shim = join(shimFolder, 'pnpm');
  writeFileSync(shim, `#!/bin/sh\nexec ${JSON.stringify(executable)} "$@"\n`);
  chmodSync(shim, 0o755);
  return { path: `${shimFolder}${delimiter}${path}`, shimFolder };
}
