#!/usr/bin/env node
// Build step after `tsc`: replace dist/internal/zod.js (tsc's output, which imports `zod/v4/core`) with the zod
// schema kind it uses (custom) bundled and tree-shaken into that one file. Importing zod evaluates about 90
// modules, 64 of them locale files (about 150 ms of CPU on Node 20), although the config needs one schema kind
// and carries its own messages; the bundled file is one module, and zod is only a devDependency. Fails the build if
// the result still imports anything (a bare `zod` import would break every install: zod is not a dependency).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(packageDirectory, 'src', 'internal', 'zod.ts');
const output = join(packageDirectory, 'dist', 'internal', 'zod');

// zod is MIT licensed: its notice travels with the copy in the tarball. A plain comment, not `/*!`: a user's
// bundler drops it like the rest of zod's comments instead of appending a kilobyte to every browser bundle.
const require = createRequire(join(packageDirectory, 'package.json'));
const zodManifestPath = require.resolve('zod/package.json');
const zodVersion = JSON.parse(readFileSync(zodManifestPath, 'utf8')).version;
const zodLicense = readFileSync(join(dirname(zodManifestPath), 'LICENSE'), 'utf8').trim();
const banner = [
  `/* Bundled from zod ${zodVersion} (https://github.com/colinhacks/zod), zod/v4/core schema kinds only.`,
  ...zodLicense.split('\n').map((line) => ` * ${line}`.trimEnd()),
  ' */',
].join('\n');

const result = await build({
  entryPoints: [entry],
  absWorkingDir: packageDirectory,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  write: false,
  metafile: true,
  // Whitespace and syntax only: names stay readable in a stack trace; the browser bundler minifies anyway.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  banner: { js: banner },
  logLevel: 'warning',
});

const bundled = result.outputFiles[0].text;
const imports = Object.values(result.metafile.outputs).flatMap((meta) => meta.imports);
if (imports.length > 0) {
  console.error(`bundle-zod: the bundle still imports ${imports.map((found) => found.path).join(', ')}`);
  process.exit(1);
}

writeFileSync(`${output}.js`, bundled);
// tsc's source map and declarations describe the re-export, not this file; no public type refers to them.
for (const stale of ['.js.map', '.d.ts', '.d.ts.map']) rmSync(`${output}${stale}`, { force: true });
console.log(`bundle-zod: dist/internal/zod.js ${(bundled.length / 1000).toFixed(1)} KB (zod ${zodVersion})`);
