import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(PACKAGE, 'scripts', 'generate-types.mjs');

function check(...extra: string[]): { status: number; output: string } {
  try {
    const output = execFileSync(process.execPath, [SCRIPT, '--check', ...extra], {
      cwd: PACKAGE,
      encoding: 'utf8',
    });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status: number; stderr: string; stdout: string };
    return { status: failed.status, output: `${failed.stdout}${failed.stderr}` };
  }
}

test('the committed src/generated matches a fresh generation from the vendored schemas', () => {
  const result = check();
  expect(result.output).toContain('up to date');
  expect(result.status).toBe(0);
}, 60_000);

test('the staleness check fails when the generated code differs from what the schemas give', () => {
  const copy = mkdtempSync(join(tmpdir(), 'openmetadata-stale-'));
  try {
    cpSync(join(PACKAGE, 'src', 'generated'), copy, { recursive: true });
    const file = join(copy, 'entity-types.ts');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'export interface Table {',
        'export interface Table {\n  extra?: string;',
      ),
    );
    const result = check('--against', copy);
    expect(result.status).toBe(1);
    expect(result.output).toContain('src/generated/entity-types.ts');
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}, 60_000);

test('no generated type takes the name of a JavaScript global such as Date', () => {
  const code = readFileSync(join(PACKAGE, 'src', 'generated', 'entity-types.ts'), 'utf8');
  const exported = [...code.matchAll(/^export (?:type|interface) (\w+)/gm)].map((match) => match[1]!);
  expect(exported).toContain('BasicDate');
  const globals = new Set(Object.getOwnPropertyNames(globalThis));
  expect(exported.filter((name) => globals.has(name))).toEqual([]);
});
