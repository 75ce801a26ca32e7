/**
 * Two installed copies of @meta/errors (two versions in one node_modules, or a bundled and an unbundled copy)
 * must recognise each other's errors. Each copy here is the package's source compiled to JavaScript in its own
 * temporary folder and loaded from there, so the two share no module instance, no class and no prototype.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, expect, test } from 'vitest';

type ErrorsModule = typeof import('../src/index.js');

const sourceDirectory = fileURLToPath(new URL('../src/', import.meta.url));
let temporaryRoot = '';
let copyA: ErrorsModule;
let copyB: ErrorsModule;

/** The package's import map with each name pointing at its default source file, compiled (`./x.js`). */
function copyImports(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const imports: Record<string, string> = {};
  for (const [name, target] of Object.entries<{ '@meta/source': { default: string } }>(
    manifest.imports ?? {},
  )) {
    imports[name] = target['@meta/source'].default.replace('./src/', './').replace(/\.ts$/, '.js');
  }
  return imports;
}

/** Compile every source file to JavaScript in `<temporaryRoot>/<name>/` and import that copy's index. */
async function loadCopy(name: string): Promise<ErrorsModule> {
  const directory = join(temporaryRoot, name);
  mkdirSync(directory, { recursive: true });
  for (const file of readdirSync(sourceDirectory).filter((entry) => entry.endsWith('.ts'))) {
    const output = ts.transpileModule(readFileSync(join(sourceDirectory, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    });
    writeFileSync(join(directory, file.replace(/\.ts$/, '.js')), output.outputText);
  }
  // Each copy is a package of its own, with the import map (`#error-inspection`) pointing at its own files.
  writeFileSync(join(directory, 'package.json'), JSON.stringify({ type: 'module', imports: copyImports() }));
  return (await import(pathToFileURL(join(directory, 'index.js')).href)) as ErrorsModule;
}

beforeAll(async () => {
  temporaryRoot = mkdtempSync(join(tmpdir(), 'meta-errors-copies-'));
  copyA = await loadCopy('copy-a');
  copyB = await loadCopy('copy-b');
});

afterAll(() => {
  if (temporaryRoot) rmSync(temporaryRoot, { recursive: true, force: true });
});

test('the two copies really are separate: their classes differ', () => {
  expect(copyA.APIError).not.toBe(copyB.APIError);
  expect(Object.getPrototypeOf(new copyA.APIError())).not.toBe(copyB.APIError.prototype);
});

test("a copy-A APIError satisfies copy-B's isAPIError, isMetaError and instanceof", () => {
  const error = new copyA.APIError({ code: 404, message: 'gone' }, { response: { status: 404 } });
  expect(copyB.isAPIError(error)).toBe(true);
  expect(copyB.isMetaError(error)).toBe(true);
  expect(error instanceof copyB.APIError).toBe(true);
  expect(error instanceof copyB.MetaError).toBe(true);
});

test("a copy-A error of every class satisfies copy-B's guard for that class and no other", () => {
  const made: Record<string, unknown> = {
    APIError: new copyA.APIError(),
    RetryException: new copyA.RetryException(),
    NetworkError: new copyA.NetworkError(),
    TimeoutError: new copyA.TimeoutError({ phase: 'total' }),
    ConfigError: new copyA.ConfigError('bad', { field: 'retry' }),
    ResponseParseError: new copyA.ResponseParseError(),
    ResponseTooLargeError: new copyA.ResponseTooLargeError({ limitBytes: 1 }),
    TooManyRedirectsError: new copyA.TooManyRedirectsError({ maxRedirects: 1 }),
    ClientClosedError: new copyA.ClientClosedError(),
    AuthProviderError: new copyA.AuthProviderError(),
  };
  const guardsOfB = copyB as unknown as Record<string, (value: unknown) => boolean>;
  const classesOfB = copyB as unknown as Record<string, new (...args: never[]) => unknown>;
  for (const [name, error] of Object.entries(made)) {
    for (const other of Object.keys(made)) {
      expect(guardsOfB[`is${other}`]!(error), `${name} vs is${other}`).toBe(name === other);
      expect(error instanceof classesOfB[other]!, `${name} instanceof ${other}`).toBe(name === other);
    }
  }
});

test('a copy-B error satisfies the guards of copy A and of the source copy in return', async () => {
  const source = await import('../src/index.js');
  const error = new copyB.NetworkError({ code: 'ECONNRESET' });
  expect(copyA.isNetworkError(error)).toBe(true);
  expect(source.isNetworkError(error)).toBe(true);
  expect(error instanceof source.NetworkError).toBe(true);
  expect(source.isTimeoutError(error)).toBe(false);
});

test('a copy-A error carried as the cause of a copy-B error is summarised and redacted by copy B', () => {
  const inner = new copyA.NetworkError({ message: 'leaked tok-secret-123', code: 'ECONNRESET' });
  const outer = new copyB.APIError(undefined, { cause: inner, secrets: ['tok-secret-123'] });
  const json = JSON.stringify(outer);
  expect(json).toContain('"name":"NetworkError"');
  expect(json).not.toContain('tok-secret-123');
});
