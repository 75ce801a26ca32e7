import { isConfigError } from '@meta/errors';
import type { TransportRequest } from '@meta/transport';
import { createTestingTransport } from '@meta/transport/testing';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';

function setup() {
  const sent: TransportRequest[] = [];
  const transport = createTestingTransport((request) => {
    sent.push(request);
    return { status: 200, body: {} };
  });
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 0 });
  return { rest, sent, transport };
}

async function configErrorOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isConfigError(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

test('delete sends OpenMetadata query flags from the query option, with no body', async () => {
  const { rest, sent } = setup();
  await rest.delete('/tables/1', undefined, { query: { hardDelete: true, recursive: true } });
  expect(sent[0]!.url).toBe('https://metadata.test/api/v1/tables/1?hardDelete=true&recursive=true');
  expect(sent[0]!.body).toBeUndefined();
});

test.each(['post', 'put', 'patch', 'delete'] as const)(
  '%s takes the query option as well as a body',
  async (method) => {
    const { rest, sent } = setup();
    await rest[method]('/tables', [{ op: 'add', path: '/x', value: 1 }], {
      query: { include: 'all', limit: 5 },
    });
    expect(sent[0]!.url).toBe('https://metadata.test/api/v1/tables?include=all&limit=5');
    expect(sent[0]!.body).toBe('[{"op":"add","path":"/x","value":1}]');
  },
);

test('on GET, query pairs come after the path query and the data pairs', async () => {
  const { rest, sent } = setup();
  await rest.get('/tables?a=1', { fields: 'owners,tags', limit: 10 }, { query: { include: 'deleted' } });
  expect(sent[0]!.url).toBe(
    'https://metadata.test/api/v1/tables?a=1&fields=owners%2Ctags&limit=10&include=deleted',
  );
});

test('query booleans, numbers and bigints become strings; arrays repeat the key; null and undefined are dropped', async () => {
  const { rest, sent } = setup();
  await rest.get('/x', undefined, {
    query: { flag: false, count: 0, big: 12n, tag: ['a', 'b'], gone: null, missing: undefined },
  });
  expect(sent[0]!.url).toBe('https://metadata.test/api/v1/x?flag=false&count=0&big=12&tag=a&tag=b');
});

test('an interface-typed object is accepted as GET data and as query', async () => {
  interface ListParameters {
    fields: string;
    limit: number;
  }
  const parameters: ListParameters = { fields: 'owners', limit: 2 };
  const { rest, sent } = setup();
  await rest.get('/tables', parameters, { query: parameters });
  expect(sent[0]!.url).toBe(
    'https://metadata.test/api/v1/tables?fields=owners&limit=2&fields=owners&limit=2',
  );
});

test('a query that is not a plain object, or holds an object value, is a ConfigError naming query before sending', async () => {
  const { rest, transport } = setup();
  expect(
    (await configErrorOf(rest.delete('/x', undefined, { query: 'hardDelete=true' as never }))).field,
  ).toBe('query');
  expect(
    (await configErrorOf(rest.delete('/x', undefined, { query: { nested: { a: 1 } } as never }))).field,
  ).toBe('query');
  expect(transport.requests).toHaveLength(0);
});

test('a lone surrogate in a GET data value is a ConfigError naming data, never a bare URIError', async () => {
  const { rest, transport } = setup();
  const error = await configErrorOf(rest.get('/search', { q: 'abc\uD800' }));
  expect(error.field).toBe('data');
  expect(error.message).toContain('lone surrogate');
  expect(transport.requests).toHaveLength(0);
});

test('a lone surrogate in a query key or value is a ConfigError naming query', async () => {
  const { rest } = setup();
  expect((await configErrorOf(rest.post('/x', {}, { query: { q: '\uDC00' } }))).field).toBe('query');
  expect((await configErrorOf(rest.post('/x', {}, { query: { '\uD800': 'v' } }))).field).toBe('query');
});

test('a lone surrogate in the path is a ConfigError naming path, not a silent U+FFFD', async () => {
  const { rest, transport } = setup();
  expect((await configErrorOf(rest.get('/tables/abc\uD800'))).field).toBe('path');
  expect((await configErrorOf(rest.get('/tables/\uDFFFx'))).field).toBe('path');
  expect((await configErrorOf(rest.get('/tables?q=\uD800'))).field).toBe('path');
  expect(transport.requests).toHaveLength(0);
});

test('a well-formed surrogate pair in the path and the query is percent-encoded as UTF-8', async () => {
  const { rest, sent } = setup();
  await rest.get('/tables/😀', { q: '😀' });
  expect(sent[0]!.url).toBe('https://metadata.test/api/v1/tables/%F0%9F%98%80?q=%F0%9F%98%80');
});

test('a per-call retry of 0 makes one attempt; a bad per-call retry is a ConfigError naming options.retry', async () => {
  const transport = createTestingTransport(() => ({ status: 503, body: { message: 'down' } }));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 3, retryWait: 0 });
  await expect(rest.get('/x', undefined, { retry: 0 })).rejects.toMatchObject({ statusCode: 503 });
  expect(transport.requests).toHaveLength(1);
  expect((await configErrorOf(rest.get('/x', undefined, { retry: -1 }))).field).toBe('options.retry');
  expect((await configErrorOf(rest.get('/x', undefined, { retry: 1.5 }))).field).toBe('options.retry');
});
