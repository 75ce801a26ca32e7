#!/usr/bin/env node
// Build step after `tsc`: rewrite a package's `dist/` entry modules as bundles of tsc's output. Node loads an
// ES module graph file by file: the cold-start profile (docs/benchmarks.md, "Cold start") showed
// `import('@meta/rest')` and the first request spending most of their time resolving, reading and compiling
// about a hundred small `dist/` files, not running them. Fewer files cut that without changing what runs: the
// same tsc output, joined (esbuild, no minification, names kept for stack traces, source maps chained to
// `src/`). Declarations stay as tsc writes them.
//
// - ONE entry point (`@meta/errors`, `@meta/rest`): `dist/index.js` becomes one module; the other `dist/*.js`
//   files stay (the `#imports` targets need theirs), but nothing imports them from the entry any more.
// - SEVERAL entry points (`@meta/transport`): one esbuild build with code splitting over every entry AND
//   every `#imports` target, so a module shared by two of them (the sealed-header set, the fetch-wire trust
//   map) lands in one file under `dist/chunks/` and exists once at run time, as with tsc's files. The entries
//   that load no optional peer are first joined into one core module (scripts/lib/split-package-bundle.mjs).
//   tsc's other `.js` files are then removed, so the tarball holds only what loads.
//
// Everything the package imports from other packages (`@meta/*`, `undici`), Node built-ins and its own
// `#imports` (conditional per runtime, resolved by the consumer) stay imports. So does a bare side-effect
// import of a module of the package (`import '../keep-platform-fetch-dispatcher.js'`): bundled, its code
// would run after every external import of the output (ES imports are evaluated first), while it exists to
// run BEFORE one (issue 18.1). It stays a module of its own, imported where tsc's file imported it. Usage
// (from the package directory): node ../../scripts/bundle-package-entry.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleSplitEntries } from './lib/split-package-bundle.mjs';

const packageDirectory = process.cwd();
const manifest = JSON.parse(readFileSync(join(packageDirectory, 'package.json'), 'utf8'));
const exportTargets = Object.entries(manifest.exports ?? {})
  .filter(([key]) => key !== './package.json')
  .map(([key, target]) => [key, target?.default]);
if (exportTargets.length === 0 || exportTargets.some(([, target]) => typeof target !== 'string')) {
  console.error(`bundle-package-entry: ${manifest.name} needs exports entries with a "default" target`);
  process.exit(1);
}

function fail(message) {
  console.error(`bundle-package-entry: ${manifest.name} ${message}`);
  process.exit(1);
}

const packageNames = Object.keys({
  ...manifest.dependencies,
  ...manifest.peerDependencies,
  ...manifest.optionalDependencies,
});
const external = ['#*', 'node:*', ...packageNames.flatMap((name) => [name, `${name}/*`])];

// A plain comment of a bundled file (zod's MIT notice in @meta/rest's dist/internal/zod.js) is dropped by
// bundling; say where the notice is, in a comment a user's bundler drops in turn (no `/*!`).
const notices =
  manifest.name === '@meta/rest'
    ? '/* Includes zod (https://github.com/colinhacks/zod), MIT licensed: notice in dist/internal/zod.js. */'
    : '';

const common = {
  absWorkingDir: packageDirectory,
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
};

async function bundleOneEntry(entryTarget) {
  const entry = join(packageDirectory, entryTarget);
  const result = await build({ ...common, entryPoints: [entry], outfile: entry, allowOverwrite: true });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  const map = result.outputFiles.find((file) => file.path.endsWith('.js.map'));
  const relativeImports = Object.values(result.metafile.outputs)
    .flatMap((meta) => meta.imports)
    .filter((found) => found.path.startsWith('.') || found.path.startsWith('/'));
  if (output === undefined || map === undefined || relativeImports.length > 0) {
    const left = relativeImports.map((found) => found.path).join(', ');
    fail(`bundle is incomplete${left ? ` (still imports ${left})` : ''}`);
  }
  writeFileSync(output.path, output.text);
  writeFileSync(map.path, map.text);
  const modules = Object.keys(result.metafile.inputs).length;
  console.log(
    `bundle-package-entry: ${manifest.name} ${entryTarget} is one module (${modules} files joined)`,
  );
}

if (exportTargets.length === 1) {
  await bundleOneEntry(exportTargets[0][1]);
} else {
  try {
    console.log(
      `bundle-package-entry: ${await bundleSplitEntries({ manifest, packageDirectory, exportTargets, common })}`,
    );
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
