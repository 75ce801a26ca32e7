/**
 * @meta/errors runs in browsers and edge runtimes (SPEC 1): its source may import nothing but its own files, and
 * may not lean on Node-only globals. This reads every source file, so a new file is checked without a new test.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const sourceDirectory = fileURLToPath(new URL('../src/', import.meta.url));
const sourceFiles = readdirSync(sourceDirectory, { recursive: true, encoding: 'utf8' }).filter(
  (file) => file.endsWith('.ts') && !file.endsWith('.test.ts'),
);

/** Every module specifier in static imports/exports, side-effect imports, dynamic imports and require calls. */
function specifiersIn(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

/** The source with comments removed, so prose such as "the process" does not count as code. */
function codeOf(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

test('finds the source files it is meant to check', () => {
  expect(sourceFiles).toContain('index.ts');
  expect(sourceFiles).toContain('redaction.ts');
  expect(specifiersIn(readFileSync(`${sourceDirectory}index.ts`, 'utf8'))).toContain('./api-error.js');
});

test('would notice a Node built-in import, so the checks below can fail', () => {
  const offending =
    "import { inspect } from 'node:util';\nimport fs from 'fs';\nconst x = await import('path');";
  expect(specifiersIn(offending).filter((specifier) => nodeBuiltins.has(specifier))).toEqual([
    'node:util',
    'fs',
    'path',
  ]);
});

test.each(sourceFiles)('src/%s imports no Node built-in', (file) => {
  const specifiers = specifiersIn(readFileSync(`${sourceDirectory}${file}`, 'utf8'));
  expect(
    specifiers.filter((specifier) => specifier.startsWith('node:') || nodeBuiltins.has(specifier)),
  ).toEqual([]);
});

// `#` specifiers are the package's own import map (package.json "imports"), which points at its own files.
const ownImports = Object.keys(
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).imports ?? {},
);

test.each(sourceFiles)('src/%s imports only its own files (no runtime dependencies)', (file) => {
  const specifiers = specifiersIn(readFileSync(`${sourceDirectory}${file}`, 'utf8'));
  expect(
    specifiers.filter((specifier) => !specifier.startsWith('./') && !ownImports.includes(specifier)),
  ).toEqual([]);
});

test("every entry of the import map points at the package's own files, per runtime", () => {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  for (const name of ownImports) {
    const targets = JSON.stringify(manifest.imports[name]).match(/"\.\/[^"]+"/g) ?? [];
    expect(targets.length, name).toBeGreaterThan(0);
    for (const target of targets) expect(target, name).toMatch(/^"\.\/(src|dist)\//);
  }
});

test.each(sourceFiles)('src/%s uses no Node-only global', (file) => {
  const code = codeOf(readFileSync(`${sourceDirectory}${file}`, 'utf8'));
  expect(code.match(/\b(?:Buffer|process|require|__dirname|__filename|global)\b/g) ?? []).toEqual([]);
});
