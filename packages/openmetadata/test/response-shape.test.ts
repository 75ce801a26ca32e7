import { isResponseParseError } from '@meta/errors';
import { HttpResponse, http } from 'msw';
import { expect, test } from 'vitest';
import type { CreateTable } from '../src/index.js';
import { manyTables } from './fixtures.js';
import { API } from './mock-openmetadata.js';
import { onBothTransports } from './transport-harness.js';

// Without `validate`, a response is still never returned typed as an entity or a page when it is not even a JSON
// object: null (204 or an empty 200), text, an array or a bare JSON string are ResponseParseErrors.

const ID = '6f3c1a52-0d1e-4b7a-9c2d-1e2f3a4b5c6d';

const NOT_OBJECTS: [string, () => Response][] = [
  ['204', () => new HttpResponse(null, { status: 204 })],
  [
    'an empty 200',
    () => new HttpResponse('', { status: 200, headers: { 'content-type': 'application/json' } }),
  ],
  ['text', () => HttpResponse.text('maintenance')],
  ['an array', () => HttpResponse.json([{ id: ID }])],
  ['a JSON string', () => HttpResponse.json('ok')],
];

onBothTransports('Response shapes', (harness) => {
  test.each(NOT_OBJECTS)(
    'an entity call answered with %s is a ResponseParseError',
    async (_label, answer) => {
      harness().use(http.all(`${API}/tables`, answer), http.all(`${API}/tables/*`, answer));
      const client = harness().client();
      const calls = [
        () => client.tables.getById(ID),
        () => client.tables.getByName('mysql_prod.shop.public.orders', { notFound: 'undefined' }),
        () => client.tables.list(),
        () => client.tables.create({ name: 'orders' } as CreateTable),
        () => client.tables.createOrUpdate({ name: 'orders' } as CreateTable),
        () => client.tables.patch(ID, [{ op: 'add', path: '/description', value: 'x' }]),
        () => client.tables.restore(ID),
        () => client.tables.versions(ID),
      ];
      for (const call of calls) {
        const error = await call().then(
          (value: unknown) => ({ resolved: value }),
          (caught: unknown) => caught,
        );
        expect(isResponseParseError(error), String(call)).toBe(true);
      }
    },
  );

  test('a client configured with rawData: true still returns entities, pages and versions, not envelopes', async () => {
    const [stored] = harness().mock.seed('/tables', manyTables(3));
    const client = harness().client({ rawData: true });
    expect((await client.tables.getById(stored!.id)).name).toBe('table_0000');
    expect((await client.tables.getByName(stored!.fullyQualifiedName)).id).toBe(stored!.id);
    expect((await client.tables.list({ limit: 2 })).data).toHaveLength(2);
    const names: string[] = [];
    for await (const table of client.tables.listAll({ pageSize: 2 })) names.push(table.name);
    expect(names).toHaveLength(3);
    expect((await client.tables.versions(stored!.id)).versions).toBeInstanceOf(Array);
    expect(await client.serverVersion()).toMatchObject({ version: '1.6.2' });
    expect(await client.health()).toBe(true);
  });

  test('a list whose data is not an array is a ResponseParseError without validate', async () => {
    harness().use(
      http.get(`${API}/tables`, () => HttpResponse.json({ data: { id: ID }, paging: { total: 1 } })),
    );
    const error = await harness()
      .client()
      .tables.list()
      .catch((caught: unknown) => caught);
    expect(isResponseParseError(error)).toBe(true);
    expect((error as Error).message).toContain('"data" array');
  });
});
