#!/usr/bin/env node
// The consumer test: pack every published package, install the tarballs into a throwaway project OUTSIDE the
// workspace (so nothing resolves through workspace links or the @meta/source condition), and prove that
// ESM import, require() (Node >= 20.19 loads ESM through require) and TypeScript type resolution under
// moduleResolution "node16" and "bundler" all work from the packed files alone.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspaceRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const published = ['errors', 'transport', 'rest'];
const project = mkdtempSync(join(tmpdir(), 'meta-consumer-'));
const tarballs = join(project, 'tarballs');
mkdirSync(tarballs);
const results = [];

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: project, encoding: 'utf8', ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

function check(title, outcome) {
  results.push({ title, status: outcome.ok ? 'passed' : 'failed' });
  console.log(`${outcome.ok ? '✓' : '✗'} consumer: ${title}`);
  if (!outcome.ok) console.log(outcome.output.split('\n').slice(-30).join('\n'));
}

try {
  const pnpm = process.env.npm_execpath?.includes('pnpm')
    ? [process.execPath, process.env.npm_execpath]
    : ['npx', '-y', 'pnpm@10.34.9'];
  for (const name of published) {
    execFileSync(pnpm[0], [...pnpm.slice(1), 'pack', '--pack-destination', tarballs], {
      cwd: join(workspaceRoot, 'packages', name),
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const files = readdirSync(tarballs).map((file) => join(tarballs, file));
  check(`packed ${files.length} tarballs`, {
    ok: files.length === published.length,
    output: files.join('\n'),
  });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'meta-consumer', private: true, type: 'module' }),
  );
  const install = run('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    '--loglevel=error',
    ...files,
    'typescript@5.9.3',
    '@types/node@^20.19.8',
  ]);
  check('npm installs the tarballs with their dependencies', install);

  const esm = [
    "import { APIError, isAPIError, createRedactor } from '@meta/errors';",
    "import { createFetchTransport } from '@meta/transport';",
    "import { createUndiciTransport } from '@meta/transport/undici';",
    "import { createTestingTransport } from '@meta/transport/testing';",
    "import { REST } from '@meta/rest';",
    "const error = new APIError({ code: 404, message: 'Entity with id [x] not found.' });",
    "if (!isAPIError(error) || error.code !== 404) throw new Error('APIError is broken');",
    "if (createRedactor().headerValue('Authorization', 'Bearer abcd1234') !== 'Bearer ****') throw new Error('redaction');",
    'for (const value of [createFetchTransport, createUndiciTransport, createTestingTransport, REST]) {',
    "  if (typeof value !== 'function') throw new Error('missing export');",
    '}',
    "const client = new REST({ baseUrl: 'http://127.0.0.1:9', transport: createFetchTransport() });",
    'await client.close();',
    "console.log('esm ok');",
  ].join('\n');
  writeFileSync(join(project, 'esm.mjs'), esm);
  check('ESM import of every entry point works', run(process.execPath, ['esm.mjs']));

  const cjs = [
    "const { APIError, isAPIError } = require('@meta/errors');",
    "const { REST } = require('@meta/rest');",
    "const { createUndiciTransport } = require('@meta/transport/undici');",
    "if (!isAPIError(new APIError({ message: 'x' })) || typeof REST !== 'function' || typeof createUndiciTransport !== 'function') throw new Error('require is broken');",
    "console.log('cjs ok');",
  ].join('\n');
  writeFileSync(join(project, 'consumer.cjs'), cjs);
  check(`require() works on Node ${process.versions.node}`, run(process.execPath, ['consumer.cjs']));

  const typed = [
    "import { APIError, isAPIError, type ConfigIssue } from '@meta/errors';",
    "import type { Transport, TransportRequest } from '@meta/transport';",
    "import { createUndiciTransport } from '@meta/transport/undici';",
    "import { createTestingTransport } from '@meta/transport/testing';",
    "import { REST, type ClientConfig } from '@meta/rest';",
    "const config: ClientConfig = { baseUrl: 'http://localhost:8585/api', retry: 1 };",
    'const client = new REST(config);',
    'const transport: Transport = createUndiciTransport();',
    'export const request: TransportRequest | undefined = undefined;',
    'export const issues: ConfigIssue[] = [];',
    "export async function read(): Promise<number | undefined> { try { await client.get<{ id: string }>('/tables'); } catch (error) { if (isAPIError(error)) return error.statusCode; } return undefined; }",
    'export { APIError, transport, createTestingTransport };',
    '// @ts-expect-error baseUrl must be a string: proves the types are real, not any',
    'new REST({ baseUrl: 42 });',
  ].join('\n');
  writeFileSync(join(project, 'consumer.ts'), typed);
  const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const [label, options] of [
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ]) {
    const tsconfig = {
      compilerOptions: {
        ...options,
        target: 'es2022',
        strict: true,
        noEmit: true,
        types: ['node'],
        lib: ['es2023', 'dom', 'esnext.disposable'],
      },
      files: ['consumer.ts'],
    };
    writeFileSync(join(project, `tsconfig.${label}.json`), JSON.stringify(tsconfig));
    check(
      `TypeScript resolves the types with moduleResolution "${label}"`,
      run(process.execPath, [tsc, '-p', `tsconfig.${label}.json`]),
    );
  }
} catch (error) {
  check('consumer test ran to the end', { ok: false, output: String(error?.stack ?? error) });
} finally {
  rmSync(project, { recursive: true, force: true });
}

const passed = results.filter((result) => result.status === 'passed').length;
const failed = results.length - passed;
mkdirSync(join(workspaceRoot, '.reports'), { recursive: true });
writeFileSync(
  join(workspaceRoot, '.reports', 'consumer.json'),
  JSON.stringify({
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    numFailedTestSuites: 0,
    testResults: [{ name: 'consumer', assertionResults: results }],
  }),
);
process.exit(failed === 0 ? 0 : 1);
