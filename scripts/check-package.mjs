#!/usr/bin/env node
// Proves a published package is consumable from its built output (run in the package folder, after `build`):
// publint in strict mode; the packed file list holds LICENSE, README.md and every built entry point; then
// are-the-types-wrong on the packed tarball. The tarball is packed with --ignore-scripts because `build`
// already ran (prepack would rebuild). The packages are ESM-only (Node >= 20.19 can require() them), so attw
// runs with the esm-only profile, which skips the CommonJS-resolves-to-ESM rule on purpose.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '.bin');
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

/** The built (`./dist/`) targets of the `imports` map under every condition: each runtime's variant ships. */
function builtImportTargets(node) {
  if (typeof node === 'string') return node.startsWith('./dist/') ? [node] : [];
  if (typeof node !== 'object' || node === null) return [];
  return Object.values(node).flatMap(builtImportTargets);
}

/**
 * The package-relative paths a packed `.js` file imports with a relative specifier (static or dynamic), as
 * esbuild's parser sees them: a specifier quoted in a comment (a TSDoc example) is not an import.
 */
async function relativeImportsOf(file) {
  const found = [];
  await build({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-imports',
        setup(builder) {
          builder.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            if (/^\.{1,2}\//.test(args.path)) found.push(posix.join(posix.dirname(file), args.path));
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  return found;
}

function fail(message) {
  console.error(`✗ ${manifest.name}: ${message}`);
  process.exit(1);
}

const publint = spawnSync(join(bin, 'publint'), ['--strict'], { stdio: 'inherit' });
if (publint.status !== 0) process.exit(publint.status ?? 1);

for (const field of ['repository', 'homepage', 'bugs']) {
  // No public home exists yet: a made-up URL would send users nowhere (SPEC 9 allows leaving these out).
  if (field in manifest) fail(`"${field}" is set, but the project has no public home yet; remove it`);
}

const destination = mkdtempSync(join(tmpdir(), 'meta-check-package-'));
try {
  const [packed] = JSON.parse(
    execFileSync(
      'npm',
      ['pack', '--ignore-scripts', '--json', '--loglevel=error', '--pack-destination', destination],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    ),
  );
  const files = new Set(packed.files.map((file) => file.path));
  const required = ['LICENSE', 'README.md', 'package.json'];
  for (const target of Object.values(manifest.exports ?? {})) {
    if (typeof target === 'object' && target !== null) required.push(target.types, target.default);
  }
  required.push(...builtImportTargets(manifest.imports));
  const missing = required.filter(
    (file) => typeof file === 'string' && !files.has(file.replace(/^\.\//, '')),
  );
  if (missing.length > 0) fail(`the tarball lacks ${missing.join(', ')}`);
  // A bundled dist/ (scripts/bundle-package-entry.mjs) imports chunks and kept-apart modules by relative
  // path: each must be in the tarball, or an installed copy fails on import while the workspace (which has
  // every file) works.
  const unresolved = [];
  for (const file of [...files].filter((name) => name.endsWith('.js'))) {
    for (const target of await relativeImportsOf(file)) {
      if (!files.has(target)) unresolved.push(`${file} -> ${target}`);
    }
  }
  if (unresolved.length > 0) fail(`packed modules import files the tarball lacks: ${unresolved.join(', ')}`);
  console.log(
    `✓ ${manifest.name}: ${files.size} files packed, LICENSE, every entry point and #imports target, every relative import`,
  );

  const attw = spawnSync(
    join(bin, 'attw'),
    [join(destination, packed.filename), '--profile', 'esm-only', '--format', 'table-flipped'],
    { stdio: 'inherit' },
  );
  if (attw.status !== 0) process.exit(attw.status ?? 1);
} finally {
  rmSync(destination, { recursive: true, force: true });
}
