import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { encodeBody, incompressibleText, responseHead } from '../src/framing-bodies.js';
import { type RawHttpServer, startRawHttpServer } from '../src/raw-http-server.js';

const TEXT = incompressibleText(300 * 1024, 11);
const CHILD = fileURLToPath(new URL('./global-fetch-isolation.child.ts', import.meta.url));
let server: RawHttpServer;

beforeAll(async () => {
  server = await startRawHttpServer();
  const gzipped = encodeBody(TEXT, 'gzip');
  // Valid gzip, more than 80 KiB, delimited by the server closing the connection (issue 18.1).
  server.route('/close-delimited-gzip', (socket) => {
    socket.write(responseHead('200 OK', ['Content-Encoding: gzip', 'Content-Type: text/plain']));
    socket.end(gzipped);
  });
});

afterAll(() => server.close());

/** Run the child: plain fetch after importing `moduleToImport` (or nothing); its exit code and output. */
function fetchInChild(moduleToImport?: string): Promise<{ code: number | null; output: string }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = ['--conditions=@meta/source', '--import', tsx, CHILD, `${server.origin}/close-delimited-gzip`];
  const child = spawn(
    process.execPath,
    [...args, String(TEXT.length), ...(moduleToImport ? [moduleToImport] : [])],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '' },
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}

test('importing @meta/transport/undici never changes what the process own fetch does with a close-delimited gzip body (issue 18.1)', async () => {
  const baseline = await fetchInChild();
  const afterImport = await fetchInChild('@meta/transport/undici');
  // Node 20's own fetch decodes this body; Node 22+'s bundled undici 7 asserts on it by itself (upstream), which
  // no library can change. Either way, importing the library must not make it worse.
  expect(afterImport.code, afterImport.output.slice(0, 500)).toBe(baseline.code);
  if (process.versions.node.startsWith('20.'))
    expect(afterImport.code, afterImport.output.slice(0, 500)).toBe(0);
}, 60_000);
