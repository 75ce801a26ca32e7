import { isConfigError } from '@meta/errors';
import { createTestingTransport } from '@meta/transport/testing';
import { expect, test } from 'vitest';
import { OpenMetadata, type PatchOperation, type Table } from '../src/index.js';
import { configErrorOf } from './config-error.js';

// Bad arguments are ConfigErrors that name the argument, found before anything is sent: every test checks that
// the transport saw no request.

const BASE_URL = 'http://127.0.0.1:8585/api';
const ID = '6f3c1a52-0d1e-4b7a-9c2d-1e2f3a4b5c6d';

function client() {
  const transport = createTestingTransport(() => ({ body: { data: [], paging: { total: 0 } } }));
  return { transport, client: new OpenMetadata({ baseUrl: BASE_URL, transport, retry: 0 }) };
}

async function drain(iterable: AsyncIterable<unknown>) {
  for await (const _entity of iterable);
}

test('every promise-returning call rejects on bad arguments instead of throwing synchronously', async () => {
  const { client: om, transport } = client();
  const calls: (() => Promise<unknown>)[] = [
    () => om.tables.getByName(''),
    () => om.tables.getById('x'),
    () => om.tables.list({ limit: -1 }),
    () => om.tables.create(null as never),
    () => om.tables.createOrUpdate(null as never),
    () => om.tables.patch('x', []),
    () => om.tables.patchFrom({} as Table, {} as Table),
    () => om.tables.delete('x'),
    () => om.tables.restore('x'),
    () => om.tables.versions('x'),
  ];
  for (const call of calls) {
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = call();
    }, String(call)).not.toThrow();
    await expect(promise, String(call)).rejects.toSatisfy(isConfigError);
  }
  expect(transport.requests).toHaveLength(0);
});

test('an id that is not a UUID (../x, %2e%2e, blanks) is a ConfigError naming id on every id call', async () => {
  const { client: om, transport } = client();
  for (const id of ['..', '.', '../x', '%2e%2e', '  ', 'not-a-uuid', `${ID}/versions`, `${ID}?x=1`]) {
    const calls = [
      () => om.tables.getById(id),
      () => om.tables.delete(id),
      () => om.tables.patch(id, []),
      () => om.tables.restore(id),
      () => om.tables.versions(id),
    ];
    for (const call of calls) expect((await configErrorOf(call)).field, id).toBe('id');
  }
  const error = await configErrorOf(() => om.tables.patchFrom({ id: 'x' } as Table, { id: 'x' } as Table));
  expect(error.field).toBe('before.id');
  expect(transport.requests).toHaveLength(0);
  await om.tables.getById(ID.toUpperCase());
  expect(transport.lastRequest?.url).toBe(`${BASE_URL}/v1/tables/${ID.toUpperCase()}`);
});

test('an FQN with . or .. between slashes is a ConfigError naming fqn, never a request elsewhere', async () => {
  const { client: om, transport } = client();
  for (const name of ['.', '..', '../x', 'a/../b', 'svc."a/../b"', 'a/./b', 'a/..;x/b', 'a\\..\\b', '/..']) {
    expect((await configErrorOf(() => om.tables.getByName(name))).field, name).toBe('fqn');
  }
  expect(transport.requests).toHaveLength(0);
  // Dots that are not whole segments are ordinary names, and %2e stays literal (encoded as %252e).
  for (const name of ['a..', '..a', 'a/.../b', '%2e%2e']) await om.tables.getByName(name);
  expect(
    transport.requests.map((request) => request.url.slice(`${BASE_URL}/v1/tables/name/`.length)),
  ).toEqual(['a..', '..a', 'a%2F...%2Fb', '%252e%252e']);
});

test('limit outside OpenMetadata 0..1000000, or not an integer, is a ConfigError naming limit', async () => {
  const { client: om, transport } = client();
  for (const limit of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 1_000_001, '10']) {
    expect((await configErrorOf(() => om.tables.list({ limit: limit as number }))).field).toBe('limit');
  }
  expect(transport.requests).toHaveLength(0);
  await om.tables.list({ limit: 0 });
  await om.tables.list({ limit: 1_000_000 });
  expect(transport.requests.map((request) => new URL(request.url).search)).toEqual([
    '?limit=0',
    '?limit=1000000',
  ]);
});

test('list refuses pageSize (the listAll option) instead of dropping it and getting 10 entities', async () => {
  const { client: om, transport } = client();
  expect((await configErrorOf(() => om.tables.list({ pageSize: 500 }))).field).toBe('pageSize');
  expect(transport.requests).toHaveLength(0);
});

test('after and before must be cursor strings and never both; include must be a known value', async () => {
  const { client: om, transport } = client();
  expect((await configErrorOf(() => om.tables.list({ after: 'a', before: 'b' }))).field).toBe('before');
  expect((await configErrorOf(() => om.tables.list({ after: 5 as never }))).field).toBe('after');
  expect((await configErrorOf(() => om.tables.list({ before: '' }))).field).toBe('before');
  expect((await configErrorOf(() => om.tables.list({ include: 'bogus' as never }))).field).toBe('include');
  expect((await configErrorOf(() => om.tables.getById(ID, { include: 'All' as never }))).field).toBe(
    'include',
  );
  expect(transport.requests).toHaveLength(0);
});

test('listAll refuses limit, after and before (it pages itself) and a signal that is not an AbortSignal', async () => {
  const { client: om, transport } = client();
  for (const key of ['limit', 'after', 'before']) {
    expect((await configErrorOf(() => om.tables.listAll({ [key]: key === 'limit' ? 5 : 'c' }))).field).toBe(
      key,
    );
  }
  const error = await configErrorOf(() => drain(om.tables.listAll({ signal: 'stop' as never })));
  expect(error.field).toBe('options.signal');
  expect(transport.requests).toHaveLength(0);
});

test('patch refuses operations that are not RFC 6902, naming the first bad one', async () => {
  const { client: om, transport } = client();
  const cases: [unknown, string][] = [
    ['not an array', 'operations'],
    [[null], 'operations[0]'],
    [[{ op: 'merge', path: '/a' }], 'operations[0].op'],
    [[{ op: 'replace', path: 'description', value: 'x' }], 'operations[0].path'],
    [
      [
        { op: 'remove', path: '/a' },
        { op: 'add', path: '/b' },
      ],
      'operations[1].value',
    ],
    [[{ op: 'move', path: '/a', from: 'b' }], 'operations[0].from'],
  ];
  for (const [operations, field] of cases) {
    const error = await configErrorOf(() => om.tables.patch(ID, operations as PatchOperation[]));
    expect(error.field).toBe(field);
  }
  expect(transport.requests).toHaveLength(0);
  await om.tables.patch(ID, [
    { op: 'add', path: '/description', value: null },
    { op: 'copy', path: '/displayName', from: '/name' },
    { op: 'remove', path: '/tags/0' },
  ]);
  expect(transport.requests).toHaveLength(1);
});

test('an FQN with a lone surrogate is a ConfigError naming fqn, not a bare URIError', async () => {
  const { client: om, transport } = client();
  const error = await configErrorOf(() => om.tables.getByName('svc.db.schema.bad\uD800name'));
  expect(error.field).toBe('fqn');
  expect(transport.requests).toHaveLength(0);
});

test('a filter that is NaN or Infinity is a ConfigError; a null filter is left out, as REST does', async () => {
  const { client: om, transport } = client();
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) {
    expect((await configErrorOf(() => om.tables.list({ service: value }))).field).toBe('service');
  }
  expect(transport.requests).toHaveLength(0);
  await om.tables.list({ service: null, database: 'mysql_prod.shop', deleted: false, version: 2 });
  expect(new URL(transport.lastRequest!.url).search).toBe(
    '?database=mysql_prod.shop&deleted=false&version=2',
  );
});
