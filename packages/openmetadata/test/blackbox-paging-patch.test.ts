import { isConfigError, isResponseParseError } from '@meta/errors';
import { MAX_PAGE_SIZE } from '@meta/openmetadata';
import { describe, expect, test } from 'vitest';
import { applyJsonPatch } from './blackbox/apply-json-patch.js';
import {
  BAD_LIST_ALL_OPTIONS,
  BAD_LIST_OPTIONS,
  LYING_PAGES,
  rejection,
  walk,
} from './blackbox/hostile-inputs.js';
import { errorBody, ID, json, page, table, useMockOpenMetadata } from './blackbox/mock-server.js';
import { randomEdit, randomJson, seededRandom } from './blackbox/random-json.js';

const mock = useMockOpenMetadata();

/** Pages of single tables named by their cursor, as scripted: `cursors[i]` is page i's `paging.after`. */
function pagesWithCursors(cursors: Array<unknown>) {
  return (_request: unknown, index: number) =>
    page([table({ name: `t${index}` })], {
      total: 99,
      ...(cursors[index] === undefined ? {} : { after: cursors[index] }),
    });
}

describe('black box: list, listAll and patchFrom', () => {
  test('list returns one page as sent, with fields comma-joined, filters as query and null filters dropped', async () => {
    mock.respond(() => page([table()], { total: 1, after: 'YWZ0ZXI=' }));
    const client = mock.client();
    const result = await client.tables.list({
      fields: ['owners', 'tags'],
      limit: 5,
      database: 'mysql.shop',
      includeEmptyTestSuite: false,
      team: null,
      other: undefined,
    } as never);
    expect(result.paging.after).toBe('YWZ0ZXI=');
    expect(result.data[0]?.name).toBe('orders');
    const query = Object.fromEntries(mock.seen[0]?.url.searchParams ?? []);
    expect(query).toEqual({
      fields: 'owners,tags',
      limit: '5',
      database: 'mysql.shop',
      includeEmptyTestSuite: 'false',
    });
  });

  test('filter names and values with &, =, # and unicode arrive exactly as given', async () => {
    mock.respond(() => page([]));
    const client = mock.client();
    await client.tables.list({ 'a&b=c': 'x&limit=1#frag', database: 'd\u00e9j\u00e0.\u{1f600} db' } as never);
    const params = mock.seen[0]?.url.searchParams;
    expect(params?.get('a&b=c')).toBe('x&limit=1#frag');
    expect(params?.get('database')).toBe('d\u00e9j\u00e0.\u{1f600} db');
    expect(params?.get('limit')).toBeNull();
  });

  test('list arguments OpenMetadata would refuse are ConfigErrors, nothing sent', async () => {
    const client = mock.client();
    for (const options of BAD_LIST_OPTIONS) {
      const error = await rejection(client.tables.list(options as never));
      expect(isConfigError(error), `${JSON.stringify(options)}: ${String(error)}`).toBe(true);
    }
    expect(mock.seen).toHaveLength(0);
  });

  test('list refuses a page whose data is not an array as a ResponseParseError', async () => {
    const client = mock.client();
    for (const body of [
      { data: 'x', paging: { total: 1 } },
      { data: { 0: table() }, paging: { total: 1 } },
      {},
      [],
      null,
    ]) {
      mock.respond(() => json(body));
      expect(isResponseParseError(await rejection(client.tables.list())), JSON.stringify(body)).toBe(true);
    }
  });

  test('listAll follows paging.after with limit = pageSize on every request and stops at the end', async () => {
    mock.respond(pagesWithCursors(['c1', 'c2', undefined]));
    const client = mock.client();
    const { names, error } = await walk(
      client.tables.listAll({ pageSize: 2, fields: ['owners'], database: 'db' }),
    );
    expect(error).toBeUndefined();
    expect(names).toEqual(['t0', 't1', 't2']);
    expect(mock.seen.map((request) => request.url.searchParams.get('after'))).toEqual([null, 'c1', 'c2']);
    for (const request of mock.seen) {
      expect(request.url.searchParams.get('limit')).toBe('2');
      expect(request.url.searchParams.get('fields')).toBe('owners');
      expect(request.url.searchParams.get('database')).toBe('db');
      expect(request.url.searchParams.get('before')).toBeNull();
    }
  });

  test('listAll sends a hostile cursor back byte for byte and ignores a total that disagrees', async () => {
    const cursor = 'a&limit=1000#x/../%2F=\u00e9\u{1f600}+ ';
    mock.respond(pagesWithCursors([cursor, undefined]));
    const client = mock.client();
    const { names, error } = await walk(client.tables.listAll());
    expect(error).toBeUndefined();
    expect(names).toEqual(['t0', 't1']);
    expect(mock.seen[1]?.url.searchParams.get('after')).toBe(cursor);
    expect(mock.seen[1]?.url.searchParams.get('limit')).toBe('100');
    expect(mock.seen[1]?.url.pathname).toBe('/api/v1/tables');
  });

  test('listAll refuses a server that loops: a cursor seen before, even two pages back, after yielding the page', async () => {
    const client = mock.client();
    mock.respond(pagesWithCursors(['A', 'B', 'A', 'B']));
    const looped = await walk(client.tables.listAll());
    expect(looped.names).toEqual(['t0', 't1', 't2']);
    expect(isResponseParseError(looped.error)).toBe(true);
    expect(mock.seen).toHaveLength(3);
  });

  test('listAll refuses pages that lie: non-string cursor, empty page with a cursor, missing data or paging', async () => {
    const client = mock.client();
    for (const body of LYING_PAGES) {
      mock.seen.length = 0;
      mock.respond(() => json(body));
      const result = await walk(client.tables.listAll());
      expect(isResponseParseError(result.error), `${JSON.stringify(body)}: ${String(result.error)}`).toBe(
        true,
      );
      expect(mock.seen).toHaveLength(1);
    }
  });

  test('an empty last page ends listAll cleanly, and an error page mid-walk rejects after the earlier items', async () => {
    const client = mock.client();
    mock.respond(() => page([], { total: 0 }));
    expect(await walk(client.tables.listAll())).toEqual({ names: [], error: undefined });
    mock.seen.length = 0;
    mock.respond((_request, index) =>
      index === 0 ? page([table()], { total: 2, after: 'x' }) : errorBody(500, 'boom'),
    );
    const result = await walk(client.tables.listAll());
    expect(result.names).toEqual(['orders']);
    expect((result.error as { statusCode?: number }).statusCode).toBe(500);
  });

  test('a never-ending listAll stops requesting when the caller breaks or aborts', async () => {
    const client = mock.client();
    mock.respond((_request, index) =>
      page([table({ name: `t${index}` })], { total: 1, after: `cursor-${index}` }),
    );
    const broken = await walk(client.tables.listAll(), 3);
    expect(broken.names).toEqual(['t0', 't1', 't2']);
    expect(mock.seen).toHaveLength(3);
    mock.seen.length = 0;
    const controller = new AbortController();
    const reason = new Error('enough');
    const names: unknown[] = [];
    const aborted = await (async () => {
      for await (const item of client.tables.listAll({ signal: controller.signal })) {
        names.push(item.name);
        if (names.length === 2) controller.abort(reason);
      }
    })().catch((error: unknown) => error);
    expect(aborted).toBe(reason);
    expect(mock.seen.length).toBeLessThanOrEqual(3);
  });

  test('listAll can be walked again and concurrently (each walk restarts) and bounds its page size', async () => {
    const client = mock.client();
    mock.respond((request) =>
      page([table()], request.url.searchParams.get('after') ? { total: 2 } : { total: 2, after: 'n' }),
    );
    const iterable = client.tables.listAll({ pageSize: MAX_PAGE_SIZE });
    expect((await walk(iterable)).names).toHaveLength(2);
    const concurrent = await Promise.all([walk(iterable), walk(iterable)]);
    expect(concurrent.map((result) => [result.names.length, result.error])).toEqual([
      [2, undefined],
      [2, undefined],
    ]);
    expect(mock.seen.map((request) => request.url.searchParams.get('limit'))).toEqual(Array(6).fill('1000'));
    for (const options of BAD_LIST_ALL_OPTIONS) {
      // listAll may refuse when called or on the first step of the walk; either way the walk fails typed.
      const error = await (async () => walk(client.tables.listAll(options as never)))().then(
        (result) => result.error,
        (thrown: unknown) => thrown,
      );
      expect(isConfigError(error), JSON.stringify(options)).toBe(true);
    }
  });

  test('validate: true checks entities, list items, paging and histories against the vendored schemas', async () => {
    const client = mock.client({}, { validate: true });
    mock.respond(() => json(table()));
    expect((await client.tables.getById(ID)).id).toBe(ID);
    for (const bad of [
      table({ id: 'not-a-uuid' }),
      table({ sneaky: 1 }),
      table({ columns: 'none' }),
      { name: 'x' },
    ]) {
      mock.respond(() => json(bad));
      const error = await rejection(client.tables.getById(ID));
      expect(isResponseParseError(error), JSON.stringify(bad)).toBe(true);
      expect((error as { issues?: unknown[] }).issues?.length).toBeGreaterThan(0);
    }
    mock.respond(() => json({ data: [table()], paging: { total: 1, bogus: true } }));
    expect(isResponseParseError(await rejection(client.tables.list()))).toBe(true);
    mock.respond(() => json({ data: [table({ id: 5 })], paging: { total: 1 } }));
    expect(isResponseParseError((await walk(client.tables.listAll())).error)).toBe(true);
    mock.respond(() => json({ entityType: 5, versions: [] }));
    expect(isResponseParseError(await rejection(client.tables.versions(ID)))).toBe(true);
    const lax = mock.client();
    mock.respond(() => json(table({ sneaky: 1 })));
    await expect(lax.tables.getById(ID, { validate: true })).rejects.toSatisfy(isResponseParseError);
    await expect(lax.tables.getById(ID)).resolves.toMatchObject({ sneaky: 1 });
  });

  test('patchFrom sends a diff that turns before into after: nested objects, arrays, keys with / and ~', async () => {
    const before = table({
      description: 'old',
      tags: [{ tagFQN: 'PII.Sensitive' }, { tagFQN: 'Tier.Tier1' }, { tagFQN: 'x' }],
      extension: { 'a/b': 1, 'c~d': { '~1': 'tricky' }, keep: [1, 2, 3] },
      columns: [{ name: 'id', dataType: 'INT', children: [{ name: 'n', dataType: 'INT' }] }],
    });
    interface Edited {
      description: string;
      owners?: unknown;
      tags: Array<{ tagFQN: string }>;
      extension: { 'a/b': number; 'c~d': Record<string, string>; keep: number[]; [key: string]: unknown };
      columns: Array<{ children: Array<{ description?: string }> }>;
    }
    const after = structuredClone(before) as unknown as Edited;
    after.description = 'new \u{1f600}';
    after.tags.splice(1, 1);
    after.tags.push({ tagFQN: 'Tier.Tier2' });
    after.extension['a/b'] = 2;
    after.extension['c~d']['~1'] = 'still tricky';
    after.extension['new/~key'] = null;
    after.extension.keep = [3, 2];
    (after.columns[0]?.children[0] ?? {}).description = 'nested';
    after.owners = undefined;
    mock.respond((request) => json(applyJsonPatch(before, JSON.parse(request.body))));
    const client = mock.client();
    const result = await client.tables.patchFrom(before as never, after as never);
    expect(mock.seen[0]?.method).toBe('PATCH');
    expect(mock.seen[0]?.url.pathname).toBe(`/api/v1/tables/${ID}`);
    expect(result).toEqual(JSON.parse(JSON.stringify(after)));
  });

  test('patchFrom with __proto__ and constructor keys from JSON diffs them as data and pollutes nothing', async () => {
    const before = JSON.parse(`{"id":"${ID}","name":"x","columns":[],"extension":{"constructor":{"a":1}}}`);
    const after = JSON.parse(
      `{"id":"${ID}","name":"x","columns":[],"extension":{"constructor":{"a":2},"__proto__":{"polluted":true}}}`,
    );
    mock.respond((request) => json(applyJsonPatch(before, JSON.parse(request.body))));
    const client = mock.client();
    await client.tables.patchFrom(before, after);
    const operations = JSON.parse(mock.seen[0]?.body ?? '[]') as Array<{ path: string }>;
    expect(operations.map((operation) => operation.path).sort()).toEqual([
      '/extension/__proto__',
      '/extension/constructor/a',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(applyJsonPatch(before, operations))).toBe(JSON.stringify(after));
  });

  test('patchFrom diffs of 300 seeded random documents (hostile keys included) rebuild after exactly', async () => {
    const client = mock.client();
    const random = seededRandom(20_261_203);
    let before: unknown;
    mock.respond((request) => json(applyJsonPatch(before, JSON.parse(request.body))));
    for (let round = 0; round < 300; round++) {
      const extension = randomJson(random, 4);
      before = table({ extension });
      const after = table({ extension: randomEdit(random, extension) });
      const result = await client.tables.patchFrom(before as never, after as never);
      expect(result, `round ${round}`).toEqual(JSON.parse(JSON.stringify(after)));
    }
    expect(mock.seen.length).toBeGreaterThan(50);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('patchFrom with no visible difference sends nothing and resolves before', async () => {
    const client = mock.client();
    const before = table({ description: 'same', updatedAt: new Date(0).toISOString() });
    const after = { ...before, updatedAt: new Date(0), ignored: undefined };
    await expect(client.tables.patchFrom(before as never, after as never)).resolves.toBe(before);
    expect(mock.seen).toHaveLength(0);
  });

  test('patchFrom refuses entities it cannot diff or address as ConfigErrors, sending nothing', async () => {
    const client = mock.client();
    const cyclic: Record<string, unknown> = table();
    cyclic.self = cyclic;
    const cases: Array<[unknown, unknown]> = [
      [table({ id: undefined }), table()],
      [table({ id: '../../users' }), table()],
      [table(), table({ size: 10n })],
      [table(), cyclic],
      [null, table()],
      [table(), 'text'],
    ];
    for (const [before, after] of cases) {
      const error = await rejection(client.tables.patchFrom(before as never, after as never));
      expect(isConfigError(error), String(error)).toBe(true);
    }
    expect(mock.seen).toHaveLength(0);
  });
});
