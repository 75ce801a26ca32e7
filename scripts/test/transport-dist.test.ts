// The built `@meta/transport` (scripts/bundle-package-entry.mjs: one esbuild build with code splitting over
// its four entries and its `#imports` targets). These tests read `packages/transport/dist`, so they need
// `build` first (the gate builds before it runs them); they load it in fresh plain-node processes, as an
// installed package is loaded.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';
import { workspaceRoot } from '../lib/published-packages.mjs';

const transportDirectory = join(workspaceRoot, 'packages', 'transport');
const distDirectory = join(transportDirectory, 'dist');

/** Runs an ES module snippet with plain node inside the package (self-references resolve to `dist/`). */
function runInPackage(source: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], {
    cwd: transportDirectory,
    encoding: 'utf8',
  }).trim();
}

/** Every built `.js` file, relative to `dist/`. */
function builtModules(): string[] {
  if (!existsSync(join(distDirectory, 'index.js'))) {
    throw new Error(
      'packages/transport/dist is missing: run `pnpm --filter @meta/transport run build` first',
    );
  }
  return readdirSync(distDirectory, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.js'),
  );
}

test('every source module of the built transport is in exactly one output file, so its state exists once', () => {
  const ownersBySource = new Map<string, string[]>();
  // The entry facades (re-exports of dist/chunks/core.js, see the build script) hold no code and have no map.
  for (const file of builtModules().filter((module) => existsSync(join(distDirectory, `${module}.map`)))) {
    const map = JSON.parse(readFileSync(join(distDirectory, `${file}.map`), 'utf8')) as { sources: string[] };
    for (const source of map.sources) {
      const absolute = resolve(dirname(join(distDirectory, file)), source);
      ownersBySource.set(absolute, [...(ownersBySource.get(absolute) ?? []), file]);
    }
  }
  const duplicated = [...ownersBySource].filter(([, owners]) => owners.length > 1);
  expect(duplicated).toEqual([]);
  // The modules holding shared state are there, chained to `src/` by the source maps, each in one file.
  const sources = [...ownersBySource.keys()].map((source) => source.slice(transportDirectory.length + 1));
  expect(sources).toContain('src/check-request.ts');
  expect(sources).toContain('src/fetch/fetch-wire-trust.ts');
});

test('the built entries import no tsc leftover: only entries, chunks and the separate side-effect module load', () => {
  const modules = builtModules().sort();
  expect(modules.filter((file) => !file.startsWith('chunks/'))).toEqual([
    'adapter/index.js',
    'fetch/fetch-wire-browser.js',
    'fetch/fetch-wire.js',
    'index.js',
    'keep-platform-fetch-dispatcher.js',
    'platform-failure-browser.js',
    'platform-failure.js',
    'testing/index.js',
    'undici/index.js',
  ]);
  for (const file of modules) {
    const text = readFileSync(join(distDirectory, file), 'utf8');
    for (const [, specifier] of text.matchAll(/(?:from|import)\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      expect(
        existsSync(resolve(dirname(join(distDirectory, file)), specifier!)),
        `${file} -> ${specifier}`,
      ).toBe(true);
    }
  }
});

test('each built entry exports exactly the names of its source entry (the core facades add and drop none)', async () => {
  const entries = {
    '': 'index',
    '/adapter': 'adapter/index',
    '/testing': 'testing/index',
    '/undici': 'undici/index',
  };
  const built = JSON.parse(
    runInPackage(`
      const names = {};
      for (const subpath of ${JSON.stringify(Object.keys(entries))}) {
        names[subpath] = Object.keys(await import('@meta/transport' + subpath)).sort();
      }
      console.log(JSON.stringify(names));
    `),
  ) as Record<string, string[]>;
  for (const [subpath, source] of Object.entries(entries)) {
    const sourceModule = (await import(join(transportDirectory, 'src', `${source}.ts`))) as object;
    expect(built[subpath], `@meta/transport${subpath}`).toEqual(Object.keys(sourceModule).sort());
  }
});

test('the adapter entry and the undici entry run one copy of the request check (one sealed-header set)', () => {
  // The sealed-header WeakSet lives in check-request.ts; a second copy would make REST's sealed records
  // (sealed through the adapter entry) unknown to the undici transport. Both entries' request checks must
  // therefore be one function in one file: the ConfigError each builds for a bad header names the same built
  // file and line.
  const output = runInPackage(`
    const { requestProblem } = await import('@meta/transport/adapter');
    const { createUndiciTransport } = await import('@meta/transport/undici');
    const request = { method: 'GET', url: 'http://127.0.0.1:9/', headers: { 'bad name': 'x' } };
    const frame = (error) => error.stack.split('\\n').find((line) => line.includes('/dist/') && !line.includes('/errors/'));
    const transport = createUndiciTransport({});
    const viaUndici = await transport.send(request).then(() => undefined, (error) => error);
    await transport.close();
    const viaAdapter = requestProblem(request);
    console.log(JSON.stringify({ names: [viaAdapter.name, viaUndici.name], frames: [frame(viaAdapter), frame(viaUndici)] }));
  `);
  const { names, frames } = JSON.parse(output) as { names: string[]; frames: string[] };
  expect(names).toEqual(['ConfigError', 'ConfigError']);
  expect(frames[0]).toMatch(/\/dist\/chunks\//);
  expect(frames[1]).toBe(frames[0]);
});

test("importing the built undici entry leaves Node's own fetch on its own dispatcher (issue 18.1 order kept)", () => {
  // keep-platform-fetch-dispatcher.js must evaluate before npm undici: bundled inline it would run after
  // every import of its chunk, and npm undici would install its Agent as the process-wide dispatcher first.
  const output = runInPackage(`
    await import('@meta/transport/undici');
    const undici = await import('undici');
    const slot = globalThis[Symbol.for('undici.globalDispatcher.1')];
    console.log(JSON.stringify({ filled: slot !== undefined, npmAgent: slot instanceof undici.Agent }));
  `);
  expect(JSON.parse(output)).toEqual({ filled: true, npmAgent: false });
});
