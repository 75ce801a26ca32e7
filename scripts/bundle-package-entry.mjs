#!/usr/bin/env node
// Build step after `tsc` for a package with ONE entry point (`@meta/errors`, `@meta/rest`): rewrite
// `dist/index.js` as that entry bundled into one module. Node loads an ES module graph file by file: the cold-start
// profile (docs/benchmarks.md, "Cold start") showed `import('@meta/rest')` spending most of its time resolving,
// reading and compiling about a hundred small `dist/` files, not running them. One file per package cuts that
// without changing what runs: the same tsc output, joined (no minification, names kept for stack traces).
//
// Only single-entry packages: two entries bundled apart would each get their own copy of shared modules and their
// state. Everything the package imports from other packages (`@meta/*`, `undici`), Node built-ins and its own
// `#imports` (conditional per runtime, resolved by the consumer) stay imports. The other `dist/*.js` files stay in
// the tarball (the `#imports` targets need theirs; declarations and source maps describe the sources), but nothing
// imports them from the entry any more. Usage (from the package directory): node ../../scripts/bundle-package-entry.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const packageDirectory = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8'));
const entryTarget = manifest.exports?.['.']?.default;
const otherEntries = Object.keys(manifest.exports ?? {}).filter(
  (key) => key !== '.' && key !== './package.json',
);
if (typeof entryTarget !== 'string' || otherEntries.length > 0) {
  console.error(
    `bundle-package-entry: ${manifest.name} must have exactly one entry point ("." with a default)`,
  );
  process.exit(1);
}

const packageNames = Object.keys({
  ...manifest.dependencies,
  ...manifest.peerDependencies,
  ...manifest.optionalDependencies,
});
const external = ['#*', 'node:*', ...packageNames.flatMap((name) => [name, `${name}/*`])];
const entry = join(packageDirectory, entryTarget);

// A plain comment of a bundled file (zod's MIT notice in @meta/rest's dist/internal/zod.js) is dropped by
// bundling; say where the notice is, in a comment a user's bundler drops in turn (no `/*!`).
const notices =
  manifest.name === '@meta/rest'
    ? '/* Includes zod (https://github.com/colinhacks/zod), MIT licensed: notice in dist/internal/zod.js. */'
    : '';

const result = await build({
  entryPoints: [entry],
  absWorkingDir: packageDirectory,
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external,
  sourcemap: true,
  legalComments: 'none',
  banner: notices ? { js: notices } : undefined,
  metafile: true,
  write: false,
  logLevel: 'warning',
});

const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
const relativeImports = Object.values(result.metafile.outputs)
  .flatMap((meta) => meta.imports)
  .filter((found) => found.path.startsWith('.') || found.path.startsWith('/'));
if (output === undefined || map === undefined || relativeImports.length > 0) {
  const left = relativeImports.map((found) => found.path).join(', ');
  console.error(
    `bundle-package-entry: ${manifest.name} bundle is incomplete${left ? ` (still imports ${left})` : ''}`,
  );
  process.exit(1);
}
writeFileSync(output.path, output.text);
writeFileSync(map.path, map.text);
const modules = Object.keys(result.metafile.inputs).length;
console.log(`bundle-package-entry: ${manifest.name} ${entryTarget} is one module (${modules} files joined)`);
