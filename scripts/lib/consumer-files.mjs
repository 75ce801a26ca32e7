// The consumer project of the release rehearsal: files that use the INSTALLED packages the way an outsider does.
// Each check is one file; a check passes when its command exits 0.
//   esm.mjs      every entry point imports as ESM and exports something; the main classes are real
//   require.cjs  every entry point loads through require() (Node >= 20.19 loads ESM synchronously)
//   consumer.ts  type-checks under moduleResolution node16 and bundler (tsconfig.node16.json, tsconfig.bundler.json)
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
    'server.mjs': SERVER,
    'request.mjs': REQUEST,
    'openmetadata.mjs': OPENMETADATA,
  };
}

function tsconfig(resolution) {
  const compilerOptions = {
    ...resolution,
    target: 'es2022',
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: ['node'],
    lib: ['es2023', 'dom', 'esnext.disposable'],
  };
  return JSON.stringify({ compilerOptions, files: ['consumer.ts'] }, null, 2);
}

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
