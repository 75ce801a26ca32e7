import * as errors from '@meta/errors';
import { APIError, isJsonContentType } from '@meta/errors';
import * as adapter from '@meta/transport/adapter';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { routedTransport } from './helpers/testing-steps.js';

// One seed, so the gate is deterministic; `FUZZ_SEED=<n>` explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 1) });

// SPEC 3.8: JSON means `application/json` or `*/*+json`, case-insensitive, parameters ignored. One rule (SPEC 9,
// one home per primitive): @meta/errors owns it; the transports' adapter, REST's decoding and APIError's
// parsing of a hand-built text body all use it, so they can never disagree on a label.

test('the transports adapter re-exports the one JSON rule of @meta/errors (one home, not a copy)', () => {
  expect(adapter.isJsonContentType).toBe(errors.isJsonContentType);
});

test.each([
  ['application/json', true],
  ['APPLICATION/JSON', true],
  ['  application/json ; charset=utf-8', true],
  ['application/problem+json', true],
  ['application/json-patch+json', true],
  ['application/vnd.api+JSON; v=1', true],
  ['application/json, application/json', true],
  ['application/jsonx', false],
  ['application/json5', false],
  ['text/json', false],
  ['application/json+xml', false],
  ['+json', false],
  ['/+json', false],
  ['a/+json', false],
  ['application/json, text/html', false],
  ['text/html, application/problem+json', false],
  ['', false],
])('%j is JSON: %s', (contentType, expected) => {
  expect(isJsonContentType(contentType)).toBe(expected);
});

const PIECES = [
  'application',
  'text',
  '*',
  '/',
  'json',
  'JSON',
  '+json',
  '+xml',
  'x',
  '-patch',
  ';',
  ' ',
  ',',
  '"',
  'charset=utf-8',
];
const contentType = fc.array(fc.constantFrom(...PIECES), { maxLength: 7 }).map((parts) => parts.join(''));

test('property: REST decoding and a hand-built APIError agree with the one rule for any label', async () => {
  const body = '{"message":"parsed","n":1}';
  let label = '';
  const transport = routedTransport(() => ({ status: 200, headers: { 'content-type': label }, body }));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 0 });
  await fc.assert(
    fc.asyncProperty(contentType, async (type) => {
      label = type;
      const json = isJsonContentType(type);
      const data = await rest.get('/tables');
      expect(data, type).toEqual(json ? { message: 'parsed', n: 1 } : body);
      const error = new APIError(undefined, {
        request: { method: 'GET', url: 'https://metadata.test/api/v1/x' },
        response: { status: 500, headers: { 'Content-Type': type }, body },
      });
      expect(error.response?.body, type).toEqual(json ? { message: 'parsed', n: 1 } : body);
    }),
    {
      numRuns: 1500,
      // Labels the two copies read differently before the rule had one home.
      examples: [
        ['a/+json'],
        ['text/html, application/problem+json'],
        ['application/json, application/json'],
      ],
    },
  );
});
