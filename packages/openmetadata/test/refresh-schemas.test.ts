import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const SCRIPT = join(PACKAGE, 'scripts', 'refresh-schemas.mjs');
const VENDORED = join(PACKAGE, 'openmetadata-spec', 'schema');
const UPSTREAM_FOLDER = '/openmetadata-spec/src/main/resources/json/schema/';
const TABLE = 'entity/data/table.json';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function temporaryDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'openmetadata-refresh-'));
  cleanups.push(() => rmSync(directory, { recursive: true, force: true }));
  return directory;
}

/** A stand-in for upstream's schema folder: a copy of the vendored set. */
function upstreamCopy(): string {
  const upstream = join(temporaryDirectory(), 'schema');
  cpSync(VENDORED, upstream, { recursive: true });
  return upstream;
}

/** Every file under `directory`, by posix path, with its bytes. */
function readTree(directory: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      for (const [name, bytes] of readTree(path, `${prefix}${entry.name}/`)) files.set(name, bytes);
    } else files.set(`${prefix}${entry.name}`, readFileSync(path));
  }
  return files;
}

function expectSameTree(actual: string, expected: string): void {
  const actualFiles = readTree(actual);
  const expectedFiles = readTree(expected);
  expect([...actualFiles.keys()].sort()).toEqual([...expectedFiles.keys()].sort());
  for (const [path, bytes] of expectedFiles) {
    expect(actualFiles.get(path)?.equals(bytes), `${path} is byte-identical`).toBe(true);
  }
}

/** Add a property to upstream's table.json whose `$ref` points at `target` (relative to entity/data/). */
function addTableProperty(upstream: string, name: string, target: string): void {
  const path = join(upstream, TABLE);
  const table = JSON.parse(readFileSync(path, 'utf8'));
  table.properties[name] = { description: 'Added upstream.', $ref: target };
  writeFileSync(path, `${JSON.stringify(table, null, 2)}\n`);
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

// Asynchronous, so a loopback server in this process can answer the script's requests.
function refresh(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SCRIPT, ...args],
      { cwd: PACKAGE, encoding: 'utf8', timeout: 60_000 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

/** A raw.githubusercontent.com stand-in serving `upstream` under `/<ref>/openmetadata-spec/...`. */
async function serveUpstream(
  upstream: string,
  fail: Record<string, number> = {},
): Promise<{ baseUrl: string; paths: string[] }> {
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '';
    paths.push(path);
    const file = path.replace(/^\/[^/]+\/openmetadata-spec\/src\/main\/resources\/json\/schema\//, '');
    const status = fail[file];
    if (status !== undefined) {
      response.writeHead(status).end('{"message":"failed on purpose"}');
      return;
    }
    try {
      const bytes = readFileSync(join(upstream, ...file.split('/')));
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(bytes);
    } catch {
      response.writeHead(404).end('404: Not Found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/`, paths };
}

/** An --out folder with a previous refresh in it, and a snapshot of it and of its manifest. */
async function previousRefresh(): Promise<{ out: string; manifest: string; before: Map<string, Buffer> }> {
  const parent = temporaryDirectory();
  const out = join(parent, 'schema');
  const manifest = join(parent, 'SOURCE.json');
  expect((await refresh('--from', VENDORED, '--out', out)).status).toBe(0);
  return { out, manifest, before: readTree(parent) };
}

test('--from an upstream copy reproduces the vendored set byte for byte and records it in SOURCE.json', async () => {
  const upstream = upstreamCopy();
  const parent = temporaryDirectory();
  const out = join(parent, 'schema');
  const result = await refresh('--from', upstream, '--out', out);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expectSameTree(out, VENDORED);
  const manifest = JSON.parse(readFileSync(join(parent, 'SOURCE.json'), 'utf8'));
  expect(manifest.source).toEqual({ kind: 'directory', path: upstream });
  expect(manifest.opaque).toEqual([
    'entity/services/databaseService.json#/definitions/databaseConnection/properties/config',
  ]);
  const vendored = readTree(VENDORED);
  expect(manifest.fileCount).toBe(vendored.size);
  expect(manifest.files).toEqual(
    [...vendored.keys()].sort().map((path) => ({
      path,
      bytes: vendored.get(path)?.length,
      sha256: createHash('sha256')
        .update(vendored.get(path) ?? '')
        .digest('hex'),
    })),
  );
  // Only what the roots reach: the ~57 database connection schemas behind the opaque `config` are not asked for.
  expect(readdirSync(parent).sort()).toEqual(['SOURCE.json', 'schema']);
}, 60_000);

test('a property added upstream to table.json and the new file it $refs both arrive in the refreshed copy', async () => {
  const upstream = upstreamCopy();
  addTableProperty(upstream, 'refreshProbe', '../../type/refreshProbe.json');
  writeFileSync(
    join(upstream, 'type', 'refreshProbe.json'),
    '{\n  "$id": "https://open-metadata.org/schema/type/refreshProbe.json",\n  "type": "object",\n' +
      '  "properties": { "id": { "$ref": "basic.json#/definitions/uuid" } }\n}\n',
  );
  const out = join(temporaryDirectory(), 'schema');
  const result = await refresh('--from', upstream, '--out', out);
  expect(result.status).toBe(0);
  expectSameTree(out, upstream);
  expect(JSON.parse(readFileSync(join(out, TABLE), 'utf8')).properties.refreshProbe.$ref).toBe(
    '../../type/refreshProbe.json',
  );
  expect(readTree(out).has('type/refreshProbe.json')).toBe(true);
}, 60_000);

test('a $ref to a missing file fails, names the file and its referrer, and leaves --out as it was', async () => {
  const { out, manifest, before } = await previousRefresh();
  const upstream = upstreamCopy();
  addTableProperty(upstream, 'missingProbe', '../../type/doesNotExist.json');
  const result = await refresh('--from', upstream, '--out', out, '--manifest', manifest);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('type/doesNotExist.json');
  expect(result.stderr).toContain(`in ${TABLE}`);
  expect(result.stderr).toContain(join(upstream, 'type', 'doesNotExist.json'));
  // The old files and manifest unchanged, and no staging folder left behind.
  expect(readTree(join(out, '..'))).toEqual(before);
}, 60_000);

test('a $ref to a definition the target file lacks fails and leaves --out as it was', async () => {
  const { out, manifest, before } = await previousRefresh();
  const upstream = upstreamCopy();
  addTableProperty(upstream, 'fragmentProbe', '../../type/basic.json#/definitions/noSuchDefinition');
  const result = await refresh('--from', upstream, '--out', out, '--manifest', manifest);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('type/basic.json has no /definitions/noSuchDefinition');
  expect(readTree(join(out, '..'))).toEqual(before);
}, 60_000);

test('a file that is not valid JSON fails, names the file and where it was read, and leaves --out as it was', async () => {
  const { out, manifest, before } = await previousRefresh();
  const upstream = upstreamCopy();
  const basic = join(upstream, 'type', 'basic.json');
  writeFileSync(basic, readFileSync(basic, 'utf8').slice(0, 200));
  const result = await refresh('--from', upstream, '--out', out, '--manifest', manifest);
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('type/basic.json');
  expect(result.stderr).toContain('not valid JSON');
  expect(result.stderr).toContain(basic);
  expect(readTree(join(out, '..'))).toEqual(before);
}, 60_000);

test('--ref with --base-url downloads the same set from <base>/<ref>/openmetadata-spec/... paths', async () => {
  const upstream = upstreamCopy();
  const server = await serveUpstream(upstream);
  const parent = temporaryDirectory();
  const out = join(parent, 'schema');
  const result = await refresh('--ref', 'v1.2.3', '--base-url', server.baseUrl, '--out', out);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expectSameTree(out, VENDORED);
  // Each file once, at the upstream layout's path under the ref.
  const expected = [...readTree(VENDORED).keys()].map((path) => `/v1.2.3${UPSTREAM_FOLDER}${path}`);
  expect([...server.paths].sort()).toEqual(expected.sort());
  const manifest = JSON.parse(readFileSync(join(parent, 'SOURCE.json'), 'utf8'));
  expect(manifest.source).toEqual({
    kind: 'ref',
    ref: 'v1.2.3',
    url: `${server.baseUrl}v1.2.3${UPSTREAM_FOLDER}`,
  });
}, 60_000);

test.each([404, 500])(
  'an HTTP %i for one file fails with the status and URL, and leaves --out as it was',
  async (status) => {
    const { out, manifest, before } = await previousRefresh();
    const server = await serveUpstream(upstreamCopy(), { 'type/basic.json': status });
    const result = await refresh(
      '--ref',
      'v1.2.3',
      '--base-url',
      server.baseUrl,
      '--out',
      out,
      '--manifest',
      manifest,
    );
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`HTTP ${status}`);
    expect(result.stderr).toContain(`${server.baseUrl}v1.2.3${UPSTREAM_FOLDER}type/basic.json`);
    expect(readTree(join(out, '..'))).toEqual(before);
  },
  60_000,
);

test('--check lists the changed and added files, exits 1 and writes nothing; an equal source is up to date', async () => {
  const { out, before } = await previousRefresh();
  const same = await refresh('--check', '--from', upstreamCopy(), '--out', out);
  expect(same.stdout).toContain('up to date');
  expect(same.status).toBe(0);
  const upstream = upstreamCopy();
  addTableProperty(upstream, 'refreshProbe', '../../type/refreshProbe.json');
  writeFileSync(join(upstream, 'type', 'refreshProbe.json'), '{ "type": "string" }\n');
  const differ = await refresh('--check', '--from', upstream, '--out', out);
  expect(differ.status).toBe(1);
  expect(differ.stdout).toContain(`changed ${TABLE}`);
  expect(differ.stdout).toContain('added   type/refreshProbe.json');
  expect(readTree(join(out, '..'))).toEqual(before);
}, 60_000);

test('bad options are clear errors: no source, two sources, a ref that is not a name, a base URL with a password', async () => {
  const cases: [string[], string][] = [
    [[], 'give exactly one of --from and --ref'],
    [['--from', VENDORED, '--ref', 'v1'], 'give exactly one of --from and --ref'],
    [['--ref', '../../etc'], 'is not a tag, branch or commit name'],
    [['--ref', 'v1', '--base-url', 'http://user:hunter2@127.0.0.1:1/'], 'must not contain credentials'],
    [['--from', join(VENDORED, 'nope')], 'is not a directory'],
    [['--from', VENDORED, '--unknown'], "Unknown option '--unknown'"],
  ];
  for (const [args, message] of cases) {
    const result = await refresh(...args, '--out', join(temporaryDirectory(), 'schema'));
    expect(result.stderr, args.join(' ')).toContain(message);
    expect(result.stderr).not.toContain('hunter2');
    expect(result.status, args.join(' ')).toBe(1);
  }
}, 60_000);

test('the committed SOURCE.json lists every vendored file with its size and sha256', () => {
  const manifest = JSON.parse(readFileSync(join(PACKAGE, 'openmetadata-spec', 'SOURCE.json'), 'utf8'));
  const vendored = readTree(VENDORED);
  expect(
    manifest.files.map((file: { path: string; bytes: number; sha256: string }) => [
      file.path,
      file.bytes,
      file.sha256,
    ]),
  ).toEqual(
    [...vendored.keys()].sort().map((path) => [
      path,
      vendored.get(path)?.length,
      createHash('sha256')
        .update(vendored.get(path) ?? '')
        .digest('hex'),
    ]),
  );
  expect(manifest.fileCount).toBe(vendored.size);
});
