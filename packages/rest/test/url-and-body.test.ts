import { isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { headerOf, jsonStep as json, routedTransport } from './helpers/testing-steps.js';

function client(baseUrl = 'https://metadata.test/api/') {
  const transport = routedTransport(() => json(200, { ok: true }));
  return { transport, rest: new REST({ baseUrl, transport }) };
}

test.each([
  ['https://metadata.test/api', '/tables', 'https://metadata.test/api/v1/tables'],
  ['https://metadata.test/api/', 'tables', 'https://metadata.test/api/v1/tables'],
  ['https://metadata.test', '/tables/name/a b', 'https://metadata.test/v1/tables/name/a%20b'],
  ['https://metadata.test/api', '/tables/é', 'https://metadata.test/api/v1/tables/%C3%A9'],
  ['https://metadata.test/api', '/tables/a%2Fb', 'https://metadata.test/api/v1/tables/a%2Fb'],
  ['https://metadata.test/api', '/tables/100%', 'https://metadata.test/api/v1/tables/100%25'],
  ['https://metadata.test/api', '/tables?fields=owner', 'https://metadata.test/api/v1/tables?fields=owner'],
  ['https://metadata.test/api', '/tables/x.y', 'https://metadata.test/api/v1/tables/x.y'],
])('joins %s and %s into %s', async (baseUrl, path, expected) => {
  const { transport, rest } = client(baseUrl);
  await rest.get(path);
  expect(transport.sent[0]!.url).toBe(expected);
});

test('GET data becomes the query string: arrays repeat the key, null and undefined are dropped', async () => {
  const { transport, rest } = client();
  await rest.get('/tables?fields=owner', {
    limit: 10,
    include: ['a', 'b c'],
    after: null,
    before: undefined,
    deleted: false,
  });
  expect(transport.sent[0]!.url).toBe(
    'https://metadata.test/api/v1/tables?fields=owner&limit=10&include=a&include=b%20c&deleted=false',
  );
  expect(transport.sent[0]!.body).toBeUndefined();
});

test.each([
  'http://evil.test/x',
  'https://evil.test',
  'javascript:alert(1)',
  '//evil.test/x',
  '/\\evil.test',
  '/tables\\..\\x',
  '/tables/\u0000',
  '/tables/\n',
  '/tables#frag',
  '/../admin',
  '/tables/./x',
  '/tables/%2e%2e/x',
  '/tables/%2E./x',
  '/tables/.%2E',
  '/tables/..%2fadmin',
  '/tables/%2e%2e%2Fadmin',
  '/tables/%2E%2E%5cadmin',
  '/tables%2f..%2f..%2fadmin',
  '..',
])('refuses the path %j with a ConfigError on path and sends nothing', async (path) => {
  const { transport, rest } = client();
  const error = await rest.get(path).catch((caught: unknown) => caught);
  expect(isConfigError(error) && error.field).toBe('path');
  expect(transport.sent).toHaveLength(0);
});

test('objects and arrays are sent as JSON; PATCH defaults to application/json-patch+json', async () => {
  const { transport, rest } = client();
  await rest.post('/tables', { name: 'orders' });
  await rest.put('/tables', [1, 2]);
  await rest.patch('/tables/1', [{ op: 'add', path: '/description', value: 'x' }]);
  const [post, put, patch] = transport.sent;
  expect(post!.body).toBe('{"name":"orders"}');
  expect(headerOf(post, 'content-type')).toBe('application/json');
  expect(put!.body).toBe('[1,2]');
  expect(headerOf(patch, 'content-type')).toBe('application/json-patch+json');
  expect(JSON.parse(String(patch!.body))).toEqual([{ op: 'add', path: '/description', value: 'x' }]);
});

test('strings and bytes are sent verbatim', async () => {
  const { transport, rest } = client();
  await rest.post('/raw', 'name=not-form-encoded');
  await rest.put('/bytes', new Uint8Array([1, 2, 3]));
  await rest.put('/buffer', new Uint8Array([4]).buffer);
  expect(transport.sent[0]!.body).toBe('name=not-form-encoded');
  expect(transport.sent[1]!.body).toEqual(new Uint8Array([1, 2, 3]));
  expect(transport.sent[2]!.body).toEqual(new Uint8Array([4]));
});

test.each([
  ['a number', 42],
  ['a Map', new Map()],
  ['a Date', new Date()],
  ['a stream', new ReadableStream()],
  [
    'a cyclic object',
    (() => {
      const value: Record<string, unknown> = {};
      value.self = value;
      return value;
    })(),
  ],
])('refuses %s as data with a ConfigError on data', async (_label, data) => {
  const { transport, rest } = client();
  const error = await rest.post('/tables', data).catch((caught: unknown) => caught);
  expect(isConfigError(error) && error.field).toBe('data');
  expect(transport.sent).toHaveLength(0);
});

test('GET data that is not a plain object of scalars is a ConfigError on data', async () => {
  const { rest } = client();
  await expect(rest.get('/tables', 'limit=1' as never)).rejects.toMatchObject({ field: 'data' });
  await expect(rest.get('/tables', { nested: { a: 1 } } as never)).rejects.toMatchObject({ field: 'data' });
});

test('a repeated path gives the same URL with or without query data, and a bad path still fails after a good one', async () => {
  const { transport, rest } = client('https://metadata.test/api');
  await rest.get('/tables/a b');
  await rest.get('/tables/a b', { limit: 1 });
  await rest.get('/tables/a b');
  await rest.get('/tables?x=1');
  await rest.get('/tables?x=1', { y: 2 }, { query: { z: 3 } });
  await rest.get('/tables?x=1');
  await rest.get('');
  await rest.get('');
  expect(transport.sent.map((request) => request.url)).toEqual([
    'https://metadata.test/api/v1/tables/a%20b',
    'https://metadata.test/api/v1/tables/a%20b?limit=1',
    'https://metadata.test/api/v1/tables/a%20b',
    'https://metadata.test/api/v1/tables?x=1',
    'https://metadata.test/api/v1/tables?x=1&y=2&z=3',
    'https://metadata.test/api/v1/tables?x=1',
    'https://metadata.test/api/v1',
    'https://metadata.test/api/v1',
  ]);
  await expect(rest.get('/tables/../admin')).rejects.toSatisfy(isConfigError);
  await expect(rest.get('/tables/../admin')).rejects.toSatisfy(isConfigError);
  await rest.get('/tables/a b');
  expect(transport.sent).toHaveLength(9);
});

test('letters that case-fold to ASCII (ſ, the Kelvin sign) and every unsafe ASCII character are percent-encoded', async () => {
  const { transport, rest } = client('https://metadata.test/api');
  await rest.get('/tables/\u017f\u212a?q=\u017f');
  await rest.get('/a"<>^`{|}?b="<>^`{|}');
  expect(transport.sent.map((request) => request.url)).toEqual([
    'https://metadata.test/api/v1/tables/%C5%BF%E2%84%AA?q=%C5%BF',
    'https://metadata.test/api/v1/a%22%3C%3E%5E%60%7B%7C%7D?b=%22%3C%3E%5E%60%7B%7C%7D',
  ]);
});
