import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import * as errors from '../../packages/errors/src/index.js';
import { tableUnderHeading } from '../lib/interface-docs.mjs';
import { workspaceRoot } from '../lib/published-packages.mjs';

// The "Error classes" table of the errors README against the classes the package exports: every class listed,
// its default `code` and every own field a caller can read. A field missing from the table (NetworkError's
// `retryable` and `proxyStatus` once were) is a field nobody outside the source knows to check.
const rows = tableUnderHeading(
  readFileSync(join(workspaceRoot, 'packages/errors/README.md'), 'utf8'),
  '### Error classes',
);
const rowOf = (name: string) => rows.find((row) => row[0]?.startsWith(`\`${name}(`));
const backticked = (cell: string | undefined) =>
  [...(cell ?? '').matchAll(/`'?([A-Za-z_][\w]*)'?`/g)].map((match) => match[1]);

/** One instance of each class, built with the fewest arguments its constructor accepts. */
const instances: Record<string, () => Error> = {
  MetaError: () => new errors.MetaError('message', 'ERR_X'),
  APIError: () => new errors.APIError(),
  RetryException: () => new errors.RetryException(),
  NetworkError: () => new errors.NetworkError(),
  TimeoutError: () => new errors.TimeoutError({ phase: 'connect', timeoutMs: 1 }),
  ConfigError: () => new errors.ConfigError('message', { field: 'field' }),
  ResponseParseError: () => new errors.ResponseParseError(),
  ResponseTooLargeError: () => new errors.ResponseTooLargeError({ limitBytes: 1 }),
  TooManyRedirectsError: () => new errors.TooManyRedirectsError({ maxRedirects: 1 }),
  ClientClosedError: () => new errors.ClientClosedError(),
  AuthProviderError: () => new errors.AuthProviderError(),
};

test('every exported error class has a row in the README table', () => {
  const exported = Object.entries(errors)
    .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
    .map(([name]) => name);
  expect(exported.sort()).toEqual(Object.keys(instances).sort());
  expect(exported.filter((name) => rowOf(name) === undefined)).toEqual([]);
});

test.each(Object.keys(instances).filter((name) => name !== 'MetaError'))(
  '%s: the README gives its default code, every own field and its guard',
  (name) => {
    const error = instances[name]?.() as Error & { code: unknown };
    const row = rowOf(name) ?? [];
    expect(error.name).toBe(name);
    if (name !== 'APIError') expect(backticked(row[1])).toContain(error.code);
    const fields = Object.keys(error).filter((key) => key !== 'code');
    expect(fields.filter((field) => !backticked(row[2]).includes(field))).toEqual([]);
    expect(row[3]).toBe(`\`is${name}\``);
  },
);

test('ResponseParseError: every code of ResponseParseErrorCode is documented', () => {
  const html = new errors.ResponseParseError({ code: 'ERR_HTML_RESPONSE' });
  expect(backticked(rowOf('ResponseParseError')?.[1])).toEqual(['ERR_RESPONSE_PARSE', html.code]);
});
