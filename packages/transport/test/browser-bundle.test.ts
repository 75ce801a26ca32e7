import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { expect, test } from 'vitest';

const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));

/** The root entry bundled as a browser user's bundler would, from sources, with the list of modules it took in. */
async function bundleForBrowser() {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    conditions: ['@meta/source'],
    metafile: true,
    logLevel: 'silent',
  });
  return { result, inputs: Object.keys(result.metafile?.inputs ?? {}) };
}

test('the fetch entry point bundles for the browser without a single Node built-in', async () => {
  const imported = new Set<string>();
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    conditions: ['@meta/source'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'record-node-builtins',
        setup(builder) {
          // Any `node:` specifier or bare built-in name resolved on the browser path is recorded and kept external,
          // so the test names every offender instead of stopping at the first.
          builder.onResolve(
            { filter: /^(node:|(fs|path|url|zlib|net|tls|http|https|stream|crypto|os|util|events|buffer)$)/ },
            (args) => {
              imported.add(args.path);
              return { path: args.path, external: true };
            },
          );
        },
      },
    ],
  });
  expect([...imported]).toEqual([]);
  expect(result.errors).toEqual([]);
  const code = result.outputFiles[0]!.text;
  expect(code).toContain('createFetchTransport');
  expect(code).not.toMatch(/\bBuffer\.|\bprocess\./);
});

test("a browser bundle leaves out Node's fetch wire, its chunked decoder and its zlib decoder", async () => {
  const { result, inputs } = await bundleForBrowser();
  const code = result.outputFiles[0]!.text;
  expect(code).toContain('createFetchTransport');
  // `#fetch-wire` resolves to the browser stub: none of the Node-only repair code is downloaded by a browser.
  expect(code).not.toContain('undici.globalDispatcher');
  expect(code).not.toContain('brotliDecompress');
  expect(inputs.filter((input) => /node-fetch-wire|decode-body|chunked-decoder/.test(input))).toEqual([]);
});

test('a browser bundle leaves out the content-coding checks, the zlib decoding and the Node-only port reader', async () => {
  // A browser's fetch decodes bodies itself, never hands over coded bytes and refuses `Accept-Encoding` from a
  // page: everything the transport does about codings is dead code there, and so is the URL-free port reader.
  const { inputs } = await bundleForBrowser();
  const nodeOnly =
    /content-codings|body-decoder|byte-accumulator|decoding-fetch-response|wire-headers|wire-handler|simple-port/;
  expect(inputs.filter((input) => nodeOnly.test(input))).toEqual([]);
  // The forbidden-port check stays: a browser refuses those ports with a bare TypeError that would be retried.
  expect(inputs.some((input) => input.endsWith('forbidden-ports.ts'))).toBe(true);
});
