#!/usr/bin/env node
// `prepack` of every published package (runs on `pnpm pack` and `pnpm publish`, so also under `changeset publish`):
// build the workspace packages this one depends on (turbo, cached), then build this package from an EMPTY dist/,
// so a fresh clone never packs an empty package and a stale file from an older build is never published.
// Under `pnpm release` (META_RELEASE_BUILT=1) everything was just built from clean folders and changesets packs
// packages concurrently, so here it only checks that the build output is there.
// `npm publish` is refused before anything is built: npm leaves `workspace:^` dependency ranges (and the
// workspace-only `@meta/source` condition) in the published manifest, which no consumer can install; pnpm
// (`pnpm release`, `pnpm publish`) replaces them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceRoot } from './lib/published-packages.mjs';

const userAgent = process.env.npm_config_user_agent ?? '';
if (process.env.npm_command === 'publish' && userAgent.startsWith('npm/')) {
  console.error(
    'prepack: `npm publish` would publish `workspace:` dependency ranges; publish with `pnpm release` ' +
      '(or `pnpm publish`), which replaces them with real versions',
  );
  process.exit(1);
}

const packageDirectory = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8'));
const bin = (name) => join(workspaceRoot, 'node_modules', '.bin', name);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`prepack ${manifest.name}: ${command} ${args.join(' ')} failed`);
    process.exit(result.status ?? 1);
  }
}

if (process.env.META_RELEASE_BUILT !== '1') {
  const filter = `--filter=${manifest.name}^...`;
  run(bin('turbo'), ['run', 'build', filter, '--output-logs=errors-only', '--ui=stream'], workspaceRoot);
  rmSync(join(packageDirectory, 'dist'), { recursive: true, force: true });
  // The package's own build script, not bare tsc: @meta/rest's build also bundles zod into dist after tsc.
  run('npm', ['run', '--silent', 'build'], packageDirectory);
}
if (!existsSync(join(packageDirectory, manifest.types ?? 'dist/index.d.ts'))) {
  console.error(`prepack ${manifest.name}: the build did not produce ${manifest.types}`);
  process.exit(1);
}
