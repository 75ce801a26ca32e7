// Type-checks one consumer module against the BUILT declarations of the workspace packages (dist/*.d.ts, what
// npm users get), from a temp folder outside the workspace: each published specifier is mapped to its built
// `.d.ts` with `paths`, so no `@meta/source` condition and no installed copy are involved.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishedPackages, workspaceRoot } from './published-packages.mjs';

/** Every published entry point with the absolute path of its built declarations. */
export function builtEntryPoints() {
  return publishedPackages().flatMap((pkg) =>
    pkg.entryPoints.map((entry) => ({ ...entry, declarations: join(pkg.directory, entry.types) })),
  );
}

/**
 * Runs tsc on `source` (a module's text) with `compilerOptions` (merged over strict ES2022 bundler defaults;
 * `extraPaths` adds `paths` entries, e.g. for `undici`). Throws when a needed build is missing.
 * @returns {{ status: number | null, output: string }}
 */
export function typecheckConsumer(source, compilerOptions = {}, extraPaths = {}) {
  const entries = builtEntryPoints();
  const unbuilt = entries
    .filter((entry) => !existsSync(entry.declarations))
    .map((entry) => entry.declarations);
  if (unbuilt.length > 0) throw new Error(`build first (pnpm run build): ${unbuilt.join(', ')} missing`);
  const folder = mkdtempSync(join(tmpdir(), 'meta-consumer-types-'));
  try {
    writeFileSync(join(folder, 'consumer.ts'), source);
    const options = {
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      strict: true,
      noEmit: true,
      lib: ['es2023', 'dom', 'esnext.disposable'],
      ...compilerOptions,
      paths: {
        ...Object.fromEntries(entries.map((entry) => [entry.specifier, [entry.declarations]])),
        ...extraPaths,
      },
    };
    writeFileSync(
      join(folder, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: options, files: ['consumer.ts'] }),
    );
    const tsc = spawnSync(
      process.execPath,
      [join(workspaceRoot, 'node_modules/typescript/bin/tsc'), '-p', join(folder, 'tsconfig.json')],
      { encoding: 'utf8', timeout: 120_000 },
    );
    return { status: tsc.status, output: `${tsc.stdout}${tsc.stderr}` };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
