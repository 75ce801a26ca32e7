// refresh-schemas.mjs - refresh the vendored OpenMetadata JSON Schemas (openmetadata-spec/schema) from upstream.
//
//   node scripts/refresh-schemas.mjs --ref <tag or commit> [--base-url <url>]
//   node scripts/refresh-schemas.mjs --from <checkout>/openmetadata-spec/src/main/resources/json/schema
//
//   --out <dir>        the folder to replace (default: openmetadata-spec/schema)
//   --manifest <file>  where the provenance record goes (default: SOURCE.json beside --out)
//   --check            compare the source with --out and list the files that differ; write nothing
//                      (exit 1 when they differ)
//
// Starting from the roots the package uses (ROOTS of schema-bundle.mjs plus the roots of
// openmetadata-spec/check.mjs), it fetches every file reachable through `$ref`, walked the way check.mjs walks:
// refs resolve against the referring file's PATH (as OpenMetadata's generators do; several `$id`s are not their
// path), `file#/definitions/x` pulls in that fragment only, and check.mjs's OPAQUE parts (the database
// connection's `oneOf` of ~57 connection schemas) are not entered. The files are kept byte for byte. Nothing is
// replaced unless every reachable ref resolved: the new set is written to a staging folder next to --out and
// swapped in at the end, so a missing file, bad JSON or an HTTP error leaves the vendored copy as it was.

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ROOTS } from './schema-bundle.mjs';

const PACKAGE_DIRECTORY = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC_DIRECTORY = join(PACKAGE_DIRECTORY, 'openmetadata-spec');
const CHECK_SCRIPT = join(SPEC_DIRECTORY, 'check.mjs');
const DEFAULT_BASE_URL = 'https://raw.githubusercontent.com/open-metadata/OpenMetadata/';
const UPSTREAM_FOLDER = 'openmetadata-spec/src/main/resources/json/schema/';
// Every OpenMetadata `$id` is this prefix plus the file's path; refs are resolved against it, as check.mjs does.
const SCHEMA_BASE = 'https://open-metadata.org/schema/';
// Path segments that cannot climb out of the output folder or name a hidden file.
const SAFE_PATH = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*\.json$/;
const SAFE_REF = /^[A-Za-z0-9_-][A-Za-z0-9_./-]*$/;
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const FETCH_TIMEOUT_MS = 30_000;
// Keys whose values are data, not subschemas (check.mjs's list).
const DATA_KEYS = new Set(['enum', 'const', 'default', 'examples', 'javaEnums', 'javaInterfaces']);

/** A failure the user can act on: printed as one line, without a stack. */
class RefreshError extends Error {
  name = 'RefreshError';
}

const USAGE = `usage: refresh-schemas (--ref <tag or commit> [--base-url <url>] | --from <schema dir>)
                       [--out <dir>] [--manifest <file>] [--check]`;

// check.mjs runs its checks (and exits) when imported and needs Ajv, so its ROOTS and OPAQUE constants are read
// from its text instead: the refresh then follows whatever roots and opaque parts the check uses.
function checkScriptConstants() {
  const text = readFileSync(CHECK_SCRIPT, 'utf8');
  const roots = /export const ROOTS = \{([\s\S]*?)\};/.exec(text)?.[1];
  const opaque = /export const OPAQUE = new Set\(\[([\s\S]*?)\]\)/.exec(text)?.[1];
  const strings = (block) => [...(block ?? '').matchAll(/'([^']+)'/g)].map((match) => match[1]);
  const rootFiles = strings(roots).filter((value) => value.endsWith('.json'));
  const opaqueParts = strings(opaque);
  if (rootFiles.length === 0 || opaqueParts.length === 0) {
    throw new RefreshError(`cannot read ROOTS and OPAQUE from ${CHECK_SCRIPT}; update refresh-schemas.mjs`);
  }
  return { rootFiles, opaqueParts };
}

function pointerGet(document, pointer) {
  let current = document;
  if (!pointer || pointer === '/') return current;
  for (const raw of pointer.replace(/^\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** The `$ref`s inside `node` (a subschema at `at` = `file#pointer`), not entering definitions or OPAQUE parts. */
function collectRefs(node, at, opaque, out = []) {
  if (opaque.has(at)) return out;
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) collectRefs(item, `${at}/${index}`, opaque, out);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') out.push(value);
      else if (!DATA_KEYS.has(key) && key !== 'definitions' && key !== '$defs') {
        collectRefs(value, `${at}/${key}`, opaque, out);
      }
    }
  }
  return out;
}

/** `{ file, pointer }` that `ref` (found in `file`) points at, resolved by path. */
function resolveRef(file, ref) {
  let url;
  try {
    url = new URL(ref, SCHEMA_BASE + file);
  } catch {
    throw new RefreshError(`$ref "${ref}" in ${file} is not a valid URI reference`);
  }
  const pointer = decodeURIComponent(url.hash.replace(/^#/, ''));
  url.hash = '';
  const target = url.href.startsWith(SCHEMA_BASE)
    ? decodeURIComponent(url.href.slice(SCHEMA_BASE.length))
    : '';
  if (!SAFE_PATH.test(target)) {
    throw new RefreshError(`$ref "${ref}" in ${file} does not name a .json file inside the schema folder`);
  }
  return { file: target, pointer };
}

function directorySource(directory) {
  const root = resolve(directory);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new RefreshError(`--from ${directory} is not a directory`);
  }
  return {
    manifest: { kind: 'directory', path: directory },
    describe: (path) => join(root, ...path.split('/')),
    async read(path, where) {
      try {
        return readFileSync(join(root, ...path.split('/')));
      } catch (error) {
        const reason = error.code === 'ENOENT' ? 'no such file' : error.message;
        throw new RefreshError(`${where}: ${reason} (${join(root, ...path.split('/'))})`);
      }
    },
  };
}

function httpSource(ref, baseUrl = DEFAULT_BASE_URL) {
  if (!SAFE_REF.test(ref) || ref.split('/').includes('..')) {
    throw new RefreshError(`--ref "${ref}" is not a tag, branch or commit name`);
  }
  let base;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new RefreshError(`--base-url "${baseUrl}" is not a URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new RefreshError(`--base-url must be an http(s) URL, not ${base.protocol}`);
  }
  // Keeps credentials out of the manifest and of every message that names a URL.
  if (base.username || base.password || base.search || base.hash) {
    throw new RefreshError('--base-url must not contain credentials, a query or a fragment');
  }
  const prefix = `${base.href}${ref}/${UPSTREAM_FOLDER}`;
  return {
    manifest: { kind: 'ref', ref, url: prefix },
    describe: (path) => prefix + path,
    read: (path, where) => download(prefix + path, where),
  };
}

async function download(url, where) {
  let response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    const cause = error.cause?.code ?? error.cause?.message ?? error.message;
    throw new RefreshError(`${where}: request to ${url} failed (${cause})`);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new RefreshError(`${where}: HTTP ${response.status} ${response.statusText} from ${url}`.trimEnd());
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength;
    if (size > MAX_FILE_BYTES)
      throw new RefreshError(`${where}: ${url} is larger than ${MAX_FILE_BYTES} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseJson(bytes, where, location) {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new RefreshError(`${where}: not valid JSON (${location}): ${error.message}`);
  }
}

/**
 * Every file reachable from `roots`, as `Map<path, Buffer>` (the bytes as fetched). Files are fetched when the
 * walk first meets them; the targets of one subschema are requested together.
 */
export async function collectSchemas(source, roots, opaque) {
  const loads = new Map(); // path -> Promise<{ bytes, document }>
  const load = (path, where) => {
    if (!loads.has(path)) {
      const loading = source
        .read(path, where)
        .then((bytes) => ({ bytes, document: parseJson(bytes, where, source.describe(path)) }));
      loading.catch(() => {}); // awaited below; this only stops an early failure from being "unhandled"
      loads.set(path, loading);
    }
    return loads.get(path);
  };
  const queue = roots.map((file) => ({ file, pointer: '', where: `${file} (a root)` }));
  for (const { file, where } of queue) load(file, where);
  const seen = new Set();
  while (queue.length > 0) {
    const { file, pointer, where } = queue.shift();
    const at = `${file}#${pointer}`;
    if (seen.has(at)) continue;
    seen.add(at);
    const node = pointerGet((await load(file, where)).document, pointer);
    if (node === undefined) throw new RefreshError(`${where}: ${file} has no ${pointer}`);
    for (const ref of collectRefs(node, at, opaque)) {
      const target = resolveRef(file, ref);
      const targetWhere = `${target.file} ($ref "${ref}" in ${file})`;
      load(target.file, targetWhere);
      queue.push({ ...target, where: targetWhere });
    }
  }
  const files = new Map();
  for (const path of [...loads.keys()].sort()) files.set(path, (await loads.get(path)).bytes);
  return files;
}

function listFiles(directory, prefix = '') {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(directory, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

/** Replace `out` with exactly `files`, through a staging folder beside it (one rename when all is written). */
function replaceDirectory(out, files) {
  const parent = dirname(out);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(out)}.staging-`));
  const previous = `${staging}.previous`;
  try {
    for (const [path, bytes] of files) {
      const target = join(staging, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
    if (existsSync(out)) renameSync(out, previous);
    try {
      renameSync(staging, out);
    } catch (error) {
      if (existsSync(previous)) renameSync(previous, out);
      throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    rmSync(previous, { recursive: true, force: true });
  }
}

function manifestFor(source, roots, opaque, files) {
  const entries = [...files].map(([path, bytes]) => ({
    path,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  }));
  return {
    description:
      'Provenance of openmetadata-spec/schema; scripts/refresh-schemas.mjs rewrites it on every refresh (README.md, Refreshing).',
    source: source.manifest,
    refreshedAt: new Date().toISOString(),
    roots,
    opaque: [...opaque],
    fileCount: entries.length,
    totalBytes: entries.reduce((sum, entry) => sum + entry.bytes, 0),
    files: entries,
  };
}

/** The files of `files` and of the folder `out` that differ, as `changed|added|removed <path>` lines. */
function differences(files, out) {
  const present = new Set(listFiles(out));
  const lines = [];
  for (const [path, bytes] of files) {
    if (!present.has(path)) lines.push(`added   ${path}`);
    else if (!readFileSync(join(out, ...path.split('/'))).equals(bytes)) lines.push(`changed ${path}`);
  }
  for (const path of [...present].sort()) if (!files.has(path)) lines.push(`removed ${path}`);
  return lines;
}

function parseOptions(argv) {
  // `pnpm run refresh:schemas -- --ref x` passes the `--` through.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      options: {
        from: { type: 'string' },
        ref: { type: 'string' },
        'base-url': { type: 'string' },
        out: { type: 'string' },
        manifest: { type: 'string' },
        check: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new RefreshError(`${error.message}\n${USAGE}`);
  }
  if (values.help) return values;
  if ((values.from === undefined) === (values.ref === undefined)) {
    throw new RefreshError(`give exactly one of --from and --ref\n${USAGE}`);
  }
  if (values['base-url'] !== undefined && values.ref === undefined) {
    throw new RefreshError('--base-url is only used with --ref');
  }
  return values;
}

/** `path` relative to the working directory when it lies inside it, else absolute. */
function displayPath(path) {
  const shown = relative(process.cwd(), path);
  return shown === '' ? '.' : shown.startsWith('..') ? path : shown;
}

async function main(argv) {
  const options = parseOptions(argv);
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const out = resolve(options.out ?? join(SPEC_DIRECTORY, 'schema'));
  const manifestPath = resolve(options.manifest ?? join(dirname(out), 'SOURCE.json'));
  const { rootFiles, opaqueParts } = checkScriptConstants();
  const roots = [...new Set([...Object.values(ROOTS), ...rootFiles])];
  const opaque = new Set(opaqueParts);
  const source =
    options.from === undefined ? httpSource(options.ref, options['base-url']) : directorySource(options.from);
  const files = await collectSchemas(source, roots, opaque);
  const shown = displayPath(out);

  if (options.check) {
    const lines = differences(files, out);
    if (lines.length === 0) {
      console.log(`up to date: the ${files.size} files in ${shown} match the source`);
      return 0;
    }
    console.log(`${lines.length} file(s) in ${shown} differ from the source:\n${lines.join('\n')}`);
    return 1;
  }

  replaceDirectory(out, files);
  const manifest = manifestFor(source, roots, opaque, files);
  const manifestStaging = `${manifestPath}.partial`;
  writeFileSync(manifestStaging, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(manifestStaging, manifestPath);
  console.log(
    `refreshed ${shown}: ${files.size} files, ${manifest.totalBytes} bytes, from ${roots.length} roots; ` +
      `manifest ${displayPath(manifestPath)}\n` +
      'next: run generate, check:schemas and check:generated, review the type diff, add a changeset',
  );
  return 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      console.error(
        error instanceof RefreshError
          ? `refresh-schemas: ${error.message}`
          : `refresh-schemas: ${error.stack ?? error}`,
      );
      // Without waiting for downloads still in flight.
      process.exit(1);
    },
  );
}
