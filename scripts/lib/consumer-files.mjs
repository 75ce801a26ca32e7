// The consumer project of the release rehearsal: files that use the INSTALLED packages the way an outsider does.
// Each check is one file; a check passes when its command exits 0.
//   esm.mjs      every entry point imports as ESM and exports something; the main classes are real
//   require.cjs  every entry point loads through require() (Node >= 20.19 loads ESM synchronously)
//   consumer.ts  type-checks under moduleResolution node16 and bundler (tsconfig.node16.json, tsconfig.bundler.json),
//                and with consumer-cjs.cts (a CommonJS TypeScript file) under nodenext (tsconfig.nodenext.json)
//   browser-app.ts  type-checks with no @types/node (tsconfig.browser.json): the browser-safe entry points' types
//   esm.mjs again with `node --conditions=@meta/source`: the workspace-only condition must not be in a tarball
//   no-undici.mjs  with undici made unresolvable: `@meta/rest` and `@meta/transport` still import, and the first
//                request on the default Node transport is a ConfigError naming the fix (not Node's bare Error)
//   request.mjs  one real GET and one 404 through @meta/rest's default transport against a loopback node:http server
//   openmetadata.mjs  `new OpenMetadata(config).serverVersion()` against the same kind of server, when published

/** @param {string[]} specifiers every published entry point, e.g. '@meta/transport/undici' */
export function consumerFiles(specifiers) {
  const list = JSON.stringify(specifiers);
  const esm = `
const specifiers = ${list};
for (const specifier of specifiers) {
  const module = await import(specifier);
  if (Object.keys(module).length === 0) throw new Error(\`\${specifier} exports nothing\`);
}
const { APIError, isAPIError } = await import('@meta/errors');
const { REST } = await import('@meta/rest');
const error = new APIError({ code: 404, message: 'Entity with id [x] not found.' });
if (!isAPIError(error) || error.code !== 404) throw new Error('APIError is broken');
if (typeof REST !== 'function') throw new Error('REST is missing');
console.log(\`esm: \${specifiers.length} entry points imported\`);
`;
  const cjs = `
const specifiers = ${list};
for (const specifier of specifiers) {
  const module = require(specifier);
  if (Object.keys(module).length === 0) throw new Error(\`\${specifier} exports nothing through require()\`);
}
const { APIError, isAPIError } = require('@meta/errors');
if (!isAPIError(new APIError({ message: 'x' })) || typeof require('@meta/rest').REST !== 'function') {
  throw new Error('require() gives broken classes');
}
console.log(\`require: \${specifiers.length} entry points loaded\`);
`;
  const typed = [
    ...specifiers.map((specifier, index) => `import * as entry${index} from '${specifier}';`),
    "import { APIError, isAPIError } from '@meta/errors';",
    "import type { Transport } from '@meta/transport';",
    "import { REST, type ClientConfig } from '@meta/rest';",
    "const config: ClientConfig = { baseUrl: 'http://localhost:8585/api' };",
    'const client = new REST(config);',
    'export const transport: Transport | undefined = undefined;',
    'export async function statusOf(): Promise<number | undefined> {',
    "  try { await client.get<{ id: string }>('/tables'); } catch (error) { if (isAPIError(error)) return error.statusCode; }",
    '  return undefined;',
    '}',
    `export const entries = [${specifiers.map((_, index) => `entry${index}`).join(', ')}];`,
    'export { APIError };',
    '// @ts-expect-error baseUrl must be a string: proves the types are real, not any',
    'new REST({ baseUrl: 42 });',
    '',
  ].join('\n');
  return {
    'esm.mjs': esm,
    'require.cjs': cjs,
    'consumer.ts': typed,
    'tsconfig.node16.json': tsconfig({ module: 'node16', moduleResolution: 'node16' }),
    'tsconfig.bundler.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler' }),
    'tsconfig.nodenext.json': tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }, [
      'consumer-cjs.cts',
    ]),
    'consumer-cjs.cts': TYPED_CJS,
    'browser-app.ts': browserApp(specifiers),
    'tsconfig.browser.json': JSON.stringify({
      compilerOptions: {
        target: 'es2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: [],
        lib: ['es2023', 'dom', 'esnext.disposable'],
      },
      files: ['browser-app.ts'],
    }),
    'no-undici.mjs': NO_UNDICI,
    'server.mjs': SERVER,
    'request.mjs': REQUEST,
    'openmetadata.mjs': OPENMETADATA,
  };
}

function tsconfig(resolution, extraFiles = []) {
  const compilerOptions = {
    ...resolution,
    target: 'es2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
    lib: ['es2023', 'dom', 'esnext.disposable'],
  };
  return JSON.stringify({ compilerOptions, files: ['consumer.ts', ...extraFiles] }, null, 2);
}

/** Entry points that only make sense in Node (sockets, TLS, test runners): not part of a browser app. */
const NODE_ONLY = new Set(['@meta/transport/undici', '@meta/transport-conformance']);

/** A browser app's module importing every browser-safe entry point (checked without @types/node). */
function browserApp(specifiers) {
  const browserSafe = specifiers.filter((specifier) => !NODE_ONLY.has(specifier));
  return [
    ...browserSafe.map((specifier, index) => `import * as entry${index} from '${specifier}';`),
    `export const entries = [${browserSafe.map((_, index) => `entry${index}`).join(', ')}];`,
    '',
  ].join('\n');
}

// A CommonJS TypeScript module (`.cts`) of an ESM-only package: TypeScript >= 5.8 allows it under nodenext, as
// Node >= 20.19 does at run time (require of ESM); the imports must resolve to real types for every subpath.
const TYPED_CJS = `
import { isAPIError } from '@meta/errors';
import { REST } from '@meta/rest';
import type { TestingTransport } from '@meta/transport/testing';
import { createUndiciTransport } from '@meta/transport/undici';
export const client = new REST({ baseUrl: 'http://127.0.0.1:1/api', transport: createUndiciTransport() });
export const guard: (value: unknown) => boolean = isAPIError;
export type Recorder = TestingTransport['requests'];
// @ts-expect-error retry must be a number: proves the CommonJS side sees real types, not any
new REST({ baseUrl: 'http://127.0.0.1:1/api', retry: 'three' });
`;

// Runs with a module hook that makes \`undici\` unresolvable, as an install without it (or a bundle leaving it out).
const NO_UNDICI = `
import { register } from 'node:module';
const hook = \`
export async function resolve(specifier, context, next) {
  if (specifier === 'undici' || specifier.startsWith('undici/')) {
    const error = new Error("Cannot find package 'undici' imported from " + context.parentURL);
    error.code = 'ERR_MODULE_NOT_FOUND';
    throw error;
  }
  return next(specifier, context);
}\`;
register('data:text/javascript,' + encodeURIComponent(hook));
const { isConfigError } = await import('@meta/errors');
const { createFetchTransport } = await import('@meta/transport');
const { REST } = await import('@meta/rest');
if (typeof createFetchTransport !== 'function') throw new Error('@meta/transport needs undici to import');
const client = new REST({ baseUrl: 'http://127.0.0.1:9/api', retry: 0 });
const failure = await client.get('/tables').then(() => undefined, (error) => error);
await client.close();
if (!isConfigError(failure) || failure.field !== 'transport' || !/npm install undici/.test(failure.message)) {
  throw new Error(\`expected a ConfigError naming undici, got \${failure?.name}: \${failure?.message}\`);
}
console.log('no undici: imports work; the first request is a ConfigError naming the fix');
`;

// An OpenMetadata-shaped loopback server: one table, the server version, and `{ code, message }` 404s.
const SERVER = `
import { createServer } from 'node:http';
export async function startServer() {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.method === 'GET' && request.url === '/api/v1/tables/name/db.schema.orders') {
      response.end(JSON.stringify({ id: '6d0c1c16-1c1c-4c1c-9c1c-1c1c1c1c1c1c', name: 'orders' }));
    } else if (request.method === 'GET' && request.url === '/api/v1/system/version') {
      response.end(JSON.stringify({ version: '1.6.2', revision: 'rehearsal', timestamp: 1733097600000 }));
    } else {
      response.statusCode = 404;
      response.end(JSON.stringify({ code: 404, message: \`Entity not found: \${request.url}\` }));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: \`http://127.0.0.1:\${server.address().port}/api\`, close: () => server.close() };
}
`;

const REQUEST = `
import { isAPIError } from '@meta/errors';
import { REST } from '@meta/rest';
import { startServer } from './server.mjs';
const server = await startServer();
const client = new REST({ baseUrl: server.baseUrl });
try {
  const table = await client.get('/tables/name/db.schema.orders');
  if (table?.name !== 'orders') throw new Error(\`unexpected table: \${JSON.stringify(table)}\`);
  const missing = await client.get('/tables/name/nowhere').then(
    () => undefined,
    (error) => error,
  );
  if (!isAPIError(missing) || missing.statusCode !== 404) throw new Error(\`expected an APIError 404, got \${missing}\`);
  console.log('request: GET returned the table; the 404 is an APIError');
} finally {
  await client.close();
  server.close();
}
`;

const OPENMETADATA = `
const openmetadata = await import('@meta/openmetadata');
if (typeof openmetadata.OpenMetadata !== 'function') {
  console.log('absent');
  process.exit(0);
}
const { startServer } = await import('./server.mjs');
const server = await startServer();
const client = new openmetadata.OpenMetadata({ baseUrl: server.baseUrl });
try {
  const version = await client.serverVersion();
  if (!JSON.stringify(version).includes('1.6.2')) throw new Error(\`unexpected version: \${JSON.stringify(version)}\`);
  console.log('openmetadata: serverVersion() answered 1.6.2');
} finally {
  await client.close?.();
  server.close();
}
`;
