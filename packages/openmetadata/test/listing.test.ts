import { isResponseParseError } from '@meta/errors';
import { HttpResponse, http } from 'msw';
import { expect, test } from 'vitest';
import { manyTables } from './fixtures.js';
import { API } from './mock-openmetadata.js';
import { onBothTransports } from './transport-harness.js';

onBothTransports('Listing', (harness) => {
  test('listAll pages through 2,500 tables 100 at a time, following each cursor once', async () => {
    harness().mock.seed('/tables', manyTables(2500));
    // Validation on: every mock entity and paging object is checked against the vendored schemas too.
    const client = harness().client({ validate: true });
    const names: string[] = [];
    for await (const table of client.tables.listAll({ pageSize: 100, fields: ['owners', 'tags'] })) {
      names.push(table.name);
    }
    expect(names).toHaveLength(2500);
    expect(new Set(names).size).toBe(2500);
    const pages = harness().mock.seen('GET', '/tables');
    expect(pages).toHaveLength(25);
    const cursors = pages.map((page) => page.query.get('after'));
    expect(cursors[0]).toBeNull();
    expect(new Set(cursors.slice(1)).size).toBe(24);
    for (const page of pages) {
      expect(page.query.get('limit')).toBe('100');
      expect(page.query.get('fields')).toBe('owners,tags');
    }
  });

  test('list returns one page with its paging and sends the filters', async () => {
    harness().mock.seed('/tables', manyTables(15));
    const client = harness().client();
    const page = await client.tables.list({ limit: 10, database: 'mysql_prod.ecommerce', include: 'all' });
    expect(page.data).toHaveLength(10);
    expect(page.paging.total).toBe(15);
    expect(page.paging.after).toEqual(expect.any(String));
    const [seen] = harness().mock.seen('GET', '/tables');
    expect(seen!.query.get('database')).toBe('mysql_prod.ecommerce');
    expect(seen!.query.get('include')).toBe('all');
    const next = await client.tables.list({ limit: 10, after: page.paging.after });
    expect(next.data).toHaveLength(5);
    expect(next.paging.after).toBeUndefined();
  });

  test('aborting in the middle of listAll stops the iteration with the abort reason', async () => {
    harness().mock.seed('/tables', manyTables(500));
    const client = harness().client();
    const controller = new AbortController();
    const reason = new Error('enough');
    let count = 0;
    const iterate = async () => {
      for await (const _table of client.tables.listAll({ pageSize: 100, signal: controller.signal })) {
        count++;
        if (count === 150) controller.abort(reason);
      }
    };
    await expect(iterate()).rejects.toBe(reason);
    expect(count).toBe(150);
    expect(harness().mock.seen('GET', '/tables')).toHaveLength(2);
  });

  test('listAll throws a ResponseParseError when the server repeats a cursor, instead of looping', async () => {
    const tables = manyTables(3);
    harness().use(
      http.get(`${API}/tables`, () =>
        HttpResponse.json({ data: tables, paging: { total: 100, after: 'same-cursor' } }),
      ),
    );
    const client = harness().client();
    const seen: string[] = [];
    const error = await (async () => {
      for await (const table of client.tables.listAll()) seen.push(table.name);
    })().catch((caught: unknown) => caught);
    expect(isResponseParseError(error)).toBe(true);
    expect((error as Error).message).toContain('same-cursor');
    expect(seen).toHaveLength(6);
  });

  test('every entity kind is served from its own collection path', async () => {
    const client = harness().client();
    await client.databaseServices.list();
    await client.glossaryTerms.list();
    await client.databaseSchemas.list();
    expect(harness().mock.requests.map((request) => request.path)).toEqual([
      '/services/databaseServices',
      '/glossaryTerms',
      '/databaseSchemas',
    ]);
  });
});
