import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { workspaceRoot } from '../lib/published-packages.mjs';

// undici is a regular dependency of @meta/rest, but an install that skipped it, or a Node bundle that left it out,
// must not surface Node's bare "Cannot find package 'undici'" Error from a request. `import '@meta/rest'` works
// without undici (the default transport loads it on the first request); that first request rejects with a typed
// ConfigError saying what to install or pass instead, and is not retried. A child Node runs the source with a
// module hook that makes `undici` unresolvable, exactly as a missing package is.
const blockUndici = `
export async function resolve(specifier, context, next) {
  if (specifier === 'undici' || specifier.startsWith('undici/')) {
    const error = new Error("Cannot find package 'undici' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}`;
const register = `import { register } from 'node:module'; register(${JSON.stringify(
  `data:text/javascript,${encodeURIComponent(blockUndici)}`,
)});`;
const restSource = pathToFileURL(join(workspaceRoot, 'packages/rest/src/index.ts')).href;
const program = `
const { REST } = await import(${JSON.stringify(restSource)});
let slept = 0;
const client = new REST({ baseUrl: 'http://127.0.0.1:9/api', sleep: async () => { slept += 1; } });
const failure = await client.get('/tables').then(() => undefined, (error) => error);
await client.close();
console.log(JSON.stringify({ name: failure?.name, field: failure?.field, message: failure?.message,
  cause: failure?.cause?.code, slept }));
`;

test('without undici installed, the first request on the default Node transport is a ConfigError naming the fix', () => {
  const child = spawnSync(
    process.execPath,
    [
      '--conditions=@meta/source',
      '--import',
      'tsx',
      '--import',
      `data:text/javascript,${encodeURIComponent(register)}`,
      '--input-type=module',
      '--eval',
      program,
    ],
    { cwd: join(workspaceRoot, 'packages/rest'), encoding: 'utf8', timeout: 60_000 },
  );
  expect(child.stderr).toBe('');
  const outcome = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
  expect(outcome).toMatchObject({ name: 'ConfigError', field: 'transport', cause: 'ERR_MODULE_NOT_FOUND' });
  expect(outcome.message).toMatch(/npm install undici.*createFetchTransport/);
  expect(outcome.slept).toBe(0); // a configuration error is never retried
});
