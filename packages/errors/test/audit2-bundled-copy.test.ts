/*
 * Round-2 audit, errors as a user meets them (SPEC 1, 5): the package is published as ONE bundled module
 * (`dist/index.js`, joined by esbuild), and an application may load that next to another copy (a second version,
 * or the source through a bundler). Here the package is bundled the same way into a temporary folder and
 * loaded as a second copy: every guard and `instanceof` must agree both ways, and what a user prints or
 * serialises (`JSON.stringify`, `util.inspect` at depth 9, cause chains, an `AggregateError` cause) never shows a
 * token, a proxy password, URL userinfo or a `sensitiveHeaders` header's value.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as source from '../src/index.js';

type ErrorsModule = typeof source;

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
let temporaryDirectory = '';
let bundled: ErrorsModule;

beforeAll(async () => {
  temporaryDirectory = mkdtempSync(join(tmpdir(), 'meta-errors-bundled-'));
  const outfile = join(temporaryDirectory, 'index.js');
  // As the package build joins it (scripts/bundle-package-entry.mjs): one ESM module, not minified; the
  // `#error-inspection` import is resolved to its Node file here instead of through the published import map.
  await build({
    entryPoints: [join(packageDirectory, 'src/index.ts')],
    absWorkingDir: packageDirectory,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    conditions: ['@meta/source'],
    outfile,
    logLevel: 'silent',
  });
  bundled = (await import(pathToFileURL(outfile).href)) as ErrorsModule;
}, 60_000);

afterAll(() => {
  if (temporaryDirectory) rmSync(temporaryDirectory, { recursive: true, force: true });
});

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.audit2-token.c2lnbmF0dXJl';
const PROXY_PASSWORD = 'proxy-pass-7731';
const SIGNATURE = 'tenant-signature-0042';

/** One error of every class, made by `copy`, each carrying the secrets wherever its options let a caller put them. */
function everyError(copy: ErrorsModule) {
  const redaction = { secrets: [TOKEN], sensitiveHeaders: ['X-Tenant-Signature'] };
  const url = `http://user:${PROXY_PASSWORD}@proxy.test/api/v1/tables?access_token=${TOKEN}`;
  const request = {
    method: 'GET',
    url,
    headers: { Authorization: `Bearer ${TOKEN}`, 'X-Tenant-Signature': SIGNATURE },
  };
  const response = { status: 500, statusText: 'Internal Server Error', headers: {}, body: { echo: TOKEN } };
  // A hook's AggregateError as a cause: its own message and its inner errors both quote the token.
  const aggregate = new AggregateError([new Error(`inner ${TOKEN}`)], `hook failed with ${TOKEN}`);
  return [
    new copy.APIError(
      { message: `rejected ${TOKEN}` },
      { request, response, cause: aggregate, ...redaction },
    ),
    new copy.NetworkError({ code: 'ECONNREFUSED', method: 'GET', url, cause: aggregate, ...redaction }),
    new copy.TimeoutError({ phase: 'headers', timeoutMs: 5, method: 'GET', url, ...redaction }),
    new copy.ConfigError(`bad value ${TOKEN}`, { field: 'extraHeaders.X-Tenant-Signature', ...redaction }),
    new copy.ResponseParseError({
      statusCode: 200,
      snippet: `{"token":"${TOKEN}"`,
      method: 'GET',
      url,
      ...redaction,
    }),
    new copy.ResponseTooLargeError({ limitBytes: 10, method: 'GET', url, ...redaction }),
    new copy.TooManyRedirectsError({ maxRedirects: 1, chain: [url, url], method: 'GET', url, ...redaction }),
    new copy.ClientClosedError(`closed while sending ${TOKEN}`, redaction),
    new copy.AuthProviderError(`provider failed for ${TOKEN}`, {
      cause: new Error(`refresh of ${TOKEN} via ${url}`),
      ...redaction,
    }),
    new copy.RetryException({ attempt: 1, cause: new Error(`retry ${TOKEN}`), ...redaction }),
  ];
}

// isJsonContentType is a Content-Type rule, not an error guard.
const GUARDS = Object.keys(source).filter(
  (name) => /^is[A-Z]\w*$/.test(name) && name !== 'isJsonContentType',
) as Array<keyof ErrorsModule>;

test('the bundled copy really is another copy: its classes differ from the source ones', () => {
  expect(bundled.APIError).not.toBe(source.APIError);
  expect(Object.keys(bundled).sort()).toEqual(Object.keys(source).sort());
});

test('every guard and instanceof agrees across the bundled copy and the source, both ways', () => {
  for (const [maker, checker] of [
    [source, bundled],
    [bundled, source],
  ] as const) {
    for (const error of everyError(maker)) {
      for (const guard of GUARDS) {
        const expected = (maker[guard] as (value: unknown) => boolean)(error);
        expect((checker[guard] as (value: unknown) => boolean)(error), `${guard}(${error.name})`).toBe(
          expected,
        );
      }
      const own = checker[error.name as keyof ErrorsModule] as unknown as abstract new () => unknown;
      expect(error instanceof own, `${error.name} instanceof the other copy`).toBe(true);
      expect(error instanceof checker.MetaError).toBe(true);
    }
  }
});

test.each(['source', 'bundled'] as const)(
  'what a user prints or serialises from a %s error never shows a secret, cause chains included',
  (copyName) => {
    const copy = copyName === 'source' ? source : bundled;
    for (const error of everyError(copy)) {
      const shown = [
        error.message,
        String(error.stack),
        JSON.stringify(error),
        inspect(error, { depth: 9 }),
        inspect({ wrapped: error }, { depth: 9 }),
        JSON.stringify({ wrapped: error }),
      ].join('\n');
      for (const secret of [TOKEN, PROXY_PASSWORD, SIGNATURE]) {
        expect(shown.includes(secret), `${error.name} shows ${secret}`).toBe(false);
      }
    }
  },
);
