import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { workspaceRoot } from '../lib/published-packages.mjs';

// `npm publish` in a package folder runs prepack, then publishes the manifest as written: `workspace:^` ranges
// that no consumer can install. prepack refuses it before building anything; pnpm's publish (what `pnpm release`
// runs through changesets) replaces the ranges and is let through.
function prepack(environment: Record<string, string>) {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('npm_') && key !== 'META_RELEASE_BUILT'),
  );
  return spawnSync(process.execPath, [join(workspaceRoot, 'scripts/prepack.mjs')], {
    cwd: join(workspaceRoot, 'packages/rest'),
    encoding: 'utf8',
    // META_RELEASE_BUILT: the pass-through case only checks the existing build output, so no test builds.
    env: { ...inherited, META_RELEASE_BUILT: '1', ...environment },
    timeout: 60_000,
  });
}

test('npm publish is refused with a message naming pnpm release, before any build', () => {
  const outcome = prepack({
    npm_command: 'publish',
    npm_config_user_agent: 'npm/11.6.2 node/v20.20.2 linux x64',
  });
  expect(outcome.status).toBe(1);
  expect(outcome.stderr).toMatch(/npm publish.*workspace:.*pnpm release/s);
});

test('pnpm publish and npm pack are let through to the build check', () => {
  const pnpm = prepack({ npm_command: 'publish', npm_config_user_agent: 'pnpm/10.34.9 npm/? node/v20.20.2' });
  const npmPack = prepack({
    npm_command: 'pack',
    npm_config_user_agent: 'npm/11.6.2 node/v20.20.2 linux x64',
  });
  for (const outcome of [pnpm, npmPack]) expect(outcome.stderr).not.toMatch(/npm publish/);
});
