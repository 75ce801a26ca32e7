import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { entryPointsOf, publishedPackages, workspaceRoot } from '../lib/published-packages.mjs';

test('entry points come from exports entries that declare types, named after their import specifier', () => {
  const manifest = {
    name: '@meta/transport',
    exports: {
      '.': { '@meta/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
      './undici': { types: './dist/undici/index.d.ts', default: './dist/undici/index.js' },
      './package.json': './package.json',
    },
  };
  expect(entryPointsOf(manifest)).toEqual([
    {
      subpath: '.',
      specifier: '@meta/transport',
      slug: 'transport',
      types: './dist/index.d.ts',
      source: './src/index.ts',
    },
    {
      subpath: './undici',
      specifier: '@meta/transport/undici',
      slug: 'transport-undici',
      types: './dist/undici/index.d.ts',
      source: undefined,
    },
  ]);
});

test('the published packages are the non-private ones under packages/', () => {
  const names = publishedPackages().map((pkg: { name: string }) => pkg.name);
  expect(names).toContain('@meta/errors');
  expect(names).toContain('@meta/rest');
  expect(names.every((name: string) => name.startsWith('@meta/'))).toBe(true);
});

test('every published package ships the root LICENSE unchanged and builds before it is packed', () => {
  const license = readFileSync(join(workspaceRoot, 'LICENSE'), 'utf8');
  expect(license).toContain('Apache License');
  for (const pkg of publishedPackages()) {
    expect(readFileSync(join(pkg.directory, 'LICENSE'), 'utf8'), pkg.name).toBe(license);
    expect(pkg.manifest.files, pkg.name).toContain('LICENSE');
    expect(pkg.manifest.license, pkg.name).toBe('Apache-2.0');
    expect(pkg.manifest.scripts?.prepack, pkg.name).toBe('node ../../scripts/prepack.mjs');
  }
});
