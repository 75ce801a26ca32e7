/**
 * One cold-start probe in a fresh process, run by plain `node` (no tsx, no `@meta/source` condition), so
 * `@meta/rest` loads from its built `dist/` as an installed package would. argv: `<probe> <origin> [undici url]`.
 * Prints one JSON line: `{ probe, importMs, requestMs?, totalMs }` (milliseconds from `performance.now()`, so
 * Node's own start-up is not counted; it is the same for every probe on one Node).
 */
import { performance } from 'node:perf_hooks';

const [probe = '', origin = '', undiciUrl = 'undici'] = process.argv.slice(2);
const SMALL_PATH = '/system/version';

function checkBody(data) {
  if (typeof data !== 'object' || data === null || !('version' in data)) {
    throw new Error(`first response was not the small route's JSON: ${JSON.stringify(data)?.slice(0, 80)}`);
  }
}

async function importOnly(specifier) {
  const started = performance.now();
  await import(specifier);
  return { importMs: performance.now() - started };
}

/**
 * `import('@meta/rest')`, `new REST(...)` and the first GET. Without `preloaded`, undici loads lazily inside the
 * first request and the total counts from the import. With it, undici and `@meta/rest` are imported before the
 * clock starts, as in a program that already uses undici: the total covers `new REST(...)` and the first GET (REST's
 * own transport modules load inside it), compared with raw undici's first `request()` after its import
 * (`requestMs` of `first-undici`).
 */
async function firstRestRequest(preloaded) {
  const started = performance.now();
  if (preloaded) await import('undici');
  const { REST } = await import('@meta/rest');
  const imported = performance.now();
  const client = new REST({ baseUrl: `${origin}/api`, logger: { warn() {} } });
  checkBody(await client.get(SMALL_PATH));
  const answered = performance.now();
  await client.close();
  const totalMs = answered - (preloaded ? imported : started);
  return { importMs: imported - started, requestMs: answered - imported, totalMs };
}

/** `import('undici')` and the first `request()` on its global dispatcher, body parsed with `body.json()`. */
async function firstUndiciRequest(specifier) {
  const started = performance.now();
  const { request, getGlobalDispatcher } = await import(specifier);
  const imported = performance.now();
  const response = await request(`${origin}/api/v1${SMALL_PATH}`);
  checkBody(await response.body.json());
  const answered = performance.now();
  await getGlobalDispatcher().close();
  return { importMs: imported - started, requestMs: answered - imported, totalMs: answered - started };
}

const PROBES = {
  'import-rest': () => importOnly('@meta/rest'),
  'import-ky': () => importOnly('ky'),
  'first-rest': () => firstRestRequest(false),
  'first-rest-preloaded': () => firstRestRequest(true),
  'first-undici': () => firstUndiciRequest(undiciUrl),
};

const run = PROBES[probe];
if (run === undefined) {
  process.stderr.write(`unknown probe "${probe}"; expected one of ${Object.keys(PROBES).join(', ')}\n`);
  process.exit(2);
}
const result = await run();
process.stdout.write(`${JSON.stringify({ probe, ...result, totalMs: result.totalMs ?? result.importMs })}\n`);
