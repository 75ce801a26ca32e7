#!/usr/bin/env node
// The bundle budget (SPEC 9): what a browser user downloads for `REST` + the fetch transport, bundled by esbuild
// from the BUILT packages (`dist/`, what npm users get; run the build first), minified and gzipped, must stay
// within 25 KB (1 KB = 1000 bytes, the unit the issue's 112 KB was measured in). The gate fails above it. Also
// fails when a Node built-in or undici lands in the browser bundle: either one breaks the page at load time,
// whatever the size. Prints the largest packages and modules so a regression is easy to place. `--json` prints
// the measurement as JSON (for the bench).
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The SPEC 9 budget in bytes of minified + gzipped JavaScript: printed on every run, enforced by the gate. */
export const BUDGET_BYTES = 25_000;

/** What a user's browser entry looks like: both names used, so tree-shaking keeps what they need. */
export const BROWSER_ENTRY = [
  "import { REST } from '@meta/rest';",
  "import { createFetchTransport } from '@meta/transport';",
  'export { REST, createFetchTransport };',
].join('\n');

const NODE_BUILTINS = new Set(builtinModules.filter((name) => !name.startsWith('_')));

/** `node:fs`, `fs`, `fs/promises`, `undici`, `undici/...`: what must never be in a browser bundle. */
export function isNodeOnlySpecifier(specifier) {
  if (specifier.startsWith('node:')) return true;
  if (specifier === 'undici' || specifier.startsWith('undici/')) return true;
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
}

/** The package a bundled input path belongs to (`zod`, `@meta/rest`), for the contributor table. */
export function packageOfInput(inputPath) {
  // @meta/rest's build bundles the zod it uses into this one file (zod is not a runtime dependency).
  if (inputPath.endsWith('packages/rest/dist/internal/zod.js')) return 'zod (inside @meta/rest)';
  const afterNodeModules = inputPath.split('node_modules/').at(-1);
  if (afterNodeModules !== inputPath) {
    const parts = afterNodeModules.split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  const workspace = /(?:^|\/)(packages|apps)\/([^/]+)\//.exec(inputPath);
  return workspace ? `@meta/${workspace[2]}` : inputPath;
}

/** A bundled input path as the contributor table names it: `@meta/rest/url-builder.js`, `zod/...`. */
export function moduleOfInput(inputPath) {
  const packageName = packageOfInput(inputPath);
  const workspace = /(?:^|\/)(?:packages|apps)\/[^/]+\/(?:dist|src)\/(.+)$/.exec(inputPath);
  return workspace && packageName.startsWith('@meta/') ? `${packageName}/${workspace[1]}` : packageName;
}

/**
 * Bundle `entry` (module source text) for the browser from `resolveDirectory` and measure it.
 * @returns sizes, the Node-only imports found (with their importers), and bytes per package and per module
 *   (minified, before gzip), largest first.
 */
export async function measureBrowserBundle(entry, resolveDirectory) {
  const nodeOnlyImports = [];
  const result = await build({
    stdin: { contents: entry, resolveDir: resolveDirectory, sourcefile: 'browser-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'find-node-only-imports',
        setup(pluginBuild) {
          pluginBuild.onResolve({ filter: /.*/ }, (args) => {
            if (!isNodeOnlySpecifier(args.path)) return undefined;
            nodeOnlyImports.push({ specifier: args.path, importer: relative(workspaceRoot, args.importer) });
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const output = result.outputFiles[0];
  const bytesByPackage = new Map();
  const modules = [];
  for (const meta of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
      if (bytesInOutput === 0) continue;
      const name = packageOfInput(input);
      modules.push({ name: moduleOfInput(input), bytes: bytesInOutput });
      // Reached by a relative or aliased path, which the resolve hook above cannot see by its specifier.
      if (name === 'undici') nodeOnlyImports.push({ specifier: input, importer: '(bundled file)' });
      bytesByPackage.set(name, (bytesByPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return {
    minifiedBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    nodeOnlyImports,
    packages: [...bytesByPackage].map(([name, bytes]) => ({ name, bytes })).sort((a, b) => b.bytes - a.bytes),
    modules: modules.sort((a, b) => b.bytes - a.bytes),
  };
}

/**
 * Why a measured bundle fails the gate (none when it passes): a Node-only import, or more gzipped bytes than
 * BUDGET_BYTES (the budget itself passes).
 */
export function budgetProblems(measured) {
  const problems = measured.nodeOnlyImports.map(
    ({ specifier, importer }) => `${specifier} (imported by ${importer}) must not be in a browser bundle`,
  );
  if (measured.gzipBytes > BUDGET_BYTES) {
    problems.push(
      `${measured.gzipBytes} bytes gzip is over the ${BUDGET_BYTES} byte budget by ${measured.gzipBytes - BUDGET_BYTES} bytes`,
    );
  }
  return problems;
}

const kilobytes = (bytes) => (bytes / 1000).toFixed(1);

/** The built files the bundle is made from; missing ones mean the build has not run. */
function missingBuilds() {
  return ['errors', 'transport', 'rest']
    .map((name) => join('packages', name, 'dist', 'index.js'))
    .filter((path) => !existsSync(join(workspaceRoot, path)));
}

async function main() {
  const missing = missingBuilds();
  if (missing.length > 0) {
    console.error(`bundle budget: ${missing.join(', ')} missing: build the packages first (pnpm run build)`);
    return 1;
  }
  // apps/browser depends on @meta/rest and @meta/transport, so it resolves them as a user's app would.
  const measured = await measureBrowserBundle(BROWSER_ENTRY, join(workspaceRoot, 'apps', 'browser'));
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...measured, budgetBytes: BUDGET_BYTES }, null, 2));
  } else {
    console.log(
      `bundle REST + fetch transport: ${kilobytes(measured.gzipBytes)} KB gzip (${measured.gzipBytes} bytes; budget ${BUDGET_BYTES / 1000} KB: ` +
        `${measured.gzipBytes <= BUDGET_BYTES ? 'met' : `OVER by ${measured.gzipBytes - BUDGET_BYTES} bytes`})` +
        `, ${kilobytes(measured.minifiedBytes)} KB minified`,
    );
    for (const { name, bytes } of measured.packages.slice(0, 6)) {
      console.log(`  ${name.padEnd(40)} ${kilobytes(bytes).padStart(7)} KB minified`);
    }
    console.log('  largest modules:');
    for (const { name, bytes } of measured.modules.slice(0, 8)) {
      console.log(`  ${name.padEnd(40)} ${kilobytes(bytes).padStart(7)} KB minified`);
    }
  }
  const problems = budgetProblems(measured);
  for (const problem of problems) console.error(`bundle budget: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
