import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { checkLayers, findImports } from '../check-layers.mjs';

const workspaces: string[] = [];

/** Write a throwaway workspace: `files` maps a path under the root to its content. */
function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'meta-layers-'));
  workspaces.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const manifest = (name: string, dependencies: Record<string, string> = {}) =>
  JSON.stringify({ name, dependencies });

afterEach(() => {
  for (const root of workspaces.splice(0)) rmSync(root, { recursive: true, force: true });
});

test('the real workspace keeps errors <- transport <- rest <- apps', () => {
  expect(checkLayers(join(import.meta.dirname, '..', '..'))).toEqual([]);
});

test('a clean layered workspace passes', () => {
  const root = workspace({
    'packages/errors/package.json': manifest('@meta/errors'),
    'packages/errors/src/index.ts': "export * from './a.js';",
    'packages/errors/src/a.ts': 'export const a = 1;',
    'packages/transport/package.json': manifest('@meta/transport', { '@meta/errors': 'workspace:^' }),
    'packages/transport/src/index.ts': "import { a } from '@meta/errors';\nexport const b = a;",
  });
  expect(checkLayers(root)).toEqual([]);
});

test('errors importing transport is an upward import and fails', () => {
  const root = workspace({
    'packages/errors/package.json': manifest('@meta/errors'),
    'packages/errors/src/index.ts': "import { b } from '@meta/transport';\nexport const a = b;",
    'packages/transport/package.json': manifest('@meta/transport'),
    'packages/transport/src/index.ts': 'export const b = 1;',
  });
  expect(checkLayers(root)).toEqual([expect.stringContaining('imports @meta/transport (layer 1)')]);
});

test('a type-only or dynamic upward import fails too', () => {
  const root = workspace({
    'packages/transport/package.json': manifest('@meta/transport'),
    'packages/transport/src/index.ts':
      "import type { REST } from '@meta/rest';\nconst lazy = () => import('@meta/rest/x');",
    'packages/rest/package.json': manifest('@meta/rest'),
    'packages/rest/src/index.ts': 'export class REST {}',
  });
  expect(checkLayers(root)).toHaveLength(2);
});

test('an upward dependency in package.json fails even without an import', () => {
  const root = workspace({
    'packages/transport/package.json': manifest('@meta/transport', { '@meta/rest': 'workspace:^' }),
    'packages/rest/package.json': manifest('@meta/rest', { '@meta/transport': 'workspace:^' }),
  });
  const violations = checkLayers(root);
  expect(violations).toContain('@meta/transport (layer 1) depends on @meta/rest (layer 3)');
  expect(violations).toContainEqual(expect.stringContaining('package cycle'));
});

test('a runtime import cycle between files of one package fails, a type-only one does not', () => {
  const cyclic = workspace({
    'packages/errors/package.json': manifest('@meta/errors'),
    'packages/errors/src/a.ts': "import { b } from './b.js';\nexport const a = b;",
    'packages/errors/src/b.ts': "import { a } from './a.js';\nexport const b = a;",
  });
  expect(checkLayers(cyclic)).toEqual([expect.stringContaining('import cycle in @meta/errors')]);
  const typeOnly = workspace({
    'packages/errors/package.json': manifest('@meta/errors'),
    'packages/errors/src/a.ts': "import type { B } from './b.js';\nexport type A = B;",
    'packages/errors/src/b.ts': "import { a } from './a.js';\nexport type B = typeof a;",
  });
  expect(checkLayers(typeOnly)).toEqual([]);
});

test('a package missing from the layer table fails', () => {
  const root = workspace({ 'packages/extra/package.json': manifest('@meta/extra') });
  expect(checkLayers(root)).toEqual([expect.stringContaining('not assigned to a layer')]);
});

test('import specifiers are found in every syntax', () => {
  const text = [
    "import a from 'one';",
    'import { b } from "two";',
    "export * from './three.js';",
    "import type { C } from 'four';",
    "import 'five';",
    "const d = await import('six');",
    "const e = require('seven');",
  ].join('\n');
  expect(findImports(text).map((found: { specifier: string }) => found.specifier)).toEqual([
    'one',
    'two',
    './three.js',
    'four',
    'five',
    'six',
    'seven',
  ]);
});
