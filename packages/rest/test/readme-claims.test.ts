/*
 * Session-10 new-user walk: documentation a user copies as it is must do what its text says. Each test names the
 * documented example (TSDoc `@example` of a public entry point, or a README sentence) it holds to the code.
 */
import { readFileSync } from 'node:fs';
import { createRedactor, isJsonContentType } from '@meta/errors';
import { createTransportHeaders, textPrefixOf } from '@meta/transport/adapter';
import { createTestingTransport } from '@meta/transport/testing';
import { expect, test } from 'vitest';
import { type ClientConfig, REST } from '../src/index.js';

/** The code of the first ```ts block after `@example` in the TSDoc just before `export function <name>(`. */
function tsdocExample(file: URL, name: string): string {
  const source = readFileSync(file, 'utf8');
  const end = source.indexOf(`export function ${name}(`);
  const comment = source.slice(source.lastIndexOf('/**', end), end);
  const block = /@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/.exec(comment);
  if (block === null) throw new Error(`no @example block before ${name}`);
  return block[1]!.replace(/^\s*\* ?/gm, '');
}

// The example has no type annotations, so it runs as plain JavaScript.
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>;

test('the createTestingTransport TSDoc example never waits for the default retryWait (30 s) before its retry', async () => {
  const code = tsdocExample(
    new URL('../../transport/src/testing/testing-transport.ts', import.meta.url),
    'createTestingTransport',
  );
  const sleeps: number[] = [];
  // The example's REST, with every sleep recorded instead of slept: what a user's test would have waited.
  class RecordingREST extends REST {
    constructor(config: Omit<ClientConfig, 'rawData'>) {
      super({ ...config, logger: {}, sleep: async (ms) => void sleeps.push(ms) });
    }
  }
  await new AsyncFunction('createTestingTransport', 'REST', 'expect', code)(
    createTestingTransport,
    RecordingREST,
    expect,
  );
  expect(sleeps).toHaveLength(2); // the scripted 503, then the scripted reset
  // A network failure waits at most 250 ms before the second attempt; the 503 must not cost retryWait × 1 = 30 s.
  expect(Math.max(...sleeps)).toBeLessThan(1_000);
});

test('the one-line TSDoc examples of @meta/errors and @meta/transport/adapter give the results they show', () => {
  expect(isJsonContentType('application/problem+json; charset=utf-8')).toBe(true);
  expect(isJsonContentType('text/json')).toBe(false);
  const token = 'eyJhbGciOiJIUzI1NiJ9.example';
  const redactor = createRedactor({ sensitiveHeaders: ['X-Api-Key'], secrets: [token] });
  expect(redactor.headers({ Authorization: `Bearer ${token}` })).toEqual({ Authorization: 'Bearer ****' });
  expect(redactor.url('https://user:pw@host/api?token=abc')).toBe('https://****@host/api?token=****');
  expect(textPrefixOf(new TextEncoder().encode('naïve'), 3)).toEqual({ text: 'na', truncated: true });
  const headers = createTransportHeaders([
    ['Set-Cookie', 'a=1'],
    ['set-cookie', 'b=2'],
  ]);
  expect(headers.getAll('SET-COOKIE')).toEqual(['a=1', 'b=2']);
});

test('README Paths: a "//" inside a path is sent as written; only a leading "//" is refused', async () => {
  const transport = createTestingTransport(() => ({ status: 200, body: { ok: true } }));
  const client = new REST({ baseUrl: 'https://om.test/api/', transport, logger: {} });
  await client.get('/tables//x');
  expect(transport.lastRequest?.url).toBe('https://om.test/api/v1/tables//x');
  await expect(client.get('//evil.test/x')).rejects.toMatchObject({ name: 'ConfigError', field: 'path' });
  await client.close();
});

test('README Retries: the retry warning a logger receives starts with "@meta/rest: " and names attempt and delay', async () => {
  const transport = createTestingTransport({
    script: [{ fail: 'network', code: 'ECONNREFUSED' }],
    handler: () => ({ status: 200, body: { ok: true } }),
  });
  const warnings: unknown[] = [];
  const client = new REST({
    baseUrl: 'https://om.test/api',
    transport,
    logger: { warn: (message: unknown) => void warnings.push(message) },
    sleep: async () => {},
    random: () => 0.5,
  });
  await client.get('/tables');
  expect(warnings).toEqual([
    expect.stringMatching(
      /^@meta\/rest: GET https:\/\/om\.test\/api\/v1\/tables attempt 1 of 4 failed \(ECONNREFUSED\); retrying in \d+ ms$/,
    ),
  ]);
  await client.close();
});
