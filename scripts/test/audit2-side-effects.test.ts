import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { publishedPackages, workspaceRoot } from '../lib/published-packages.mjs';

// A module imported only for its effect (`import './x.js'`) is dropped by bundlers (esbuild, webpack, rollup)
// from a package that declares `"sideEffects": false`. @meta/transport/undici imports
// keep-platform-fetch-dispatcher.js that way (issue 18.1: Node's own fetch keeps its platform dispatcher once npm
// undici loads); a Node bundle of an application once lost it silently.
function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test.each(publishedPackages().map((pkg) => [pkg.name, pkg] as const))(
  '%s: every effect-only import targets a module its sideEffects field keeps',
  (_name, pkg) => {
    const effectOnly = sourceFiles(join(pkg.directory, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/^import ['"](\.[^'"]+)['"];/gm)].map((match) =>
        relative(pkg.directory, join(file, '..', match[1] ?? '')).replace(/\.js$/, ''),
      ),
    );
    const kept: unknown = pkg.manifest.sideEffects;
    const missing = effectOnly.filter(
      (module) =>
        !Array.isArray(kept) ||
        !kept.includes(`./${module}.ts`) ||
        !kept.includes(`./${module.replace(/^src\//, 'dist/')}.js`),
    );
    expect(missing).toEqual([]);
  },
);

test('a Node bundle of @meta/transport/undici keeps the platform-fetch-dispatcher effect', async () => {
  const result = await build({
    stdin: {
      contents: "export { createUndiciTransport } from '@meta/transport/undici';",
      resolveDir: join(workspaceRoot, 'packages/rest'),
      loader: 'js',
    },
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    conditions: ['@meta/source'],
    external: ['undici', '@meta/errors'],
    logLevel: 'silent',
  });
  expect(result.outputFiles[0]?.text).toContain('globalThis.Headers');
});
