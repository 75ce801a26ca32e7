import { isResponseParseError } from '@meta/errors';
import { HttpResponse, http } from 'msw';
import { expect, test } from 'vitest';
import { manyTables } from './fixtures.js';
import { API } from './mock-openmetadata.js';
import { onBothTransports } from './transport-harness.js';

// listAll against servers that break OpenMetadata's paging contract: it must end with a typed error, never loop,
// never stop early in silence.

async function collect(iterable: AsyncIterable<{ name: string }>, names: string[]) {
  try {
    for await (const entity of iterable) names.push(entity.name);
  } catch (error) {
    return error;
  }
  return undefined;
}

onBothTransports('Hostile paging', (harness) => {
  test('an empty page with a fresh cursor every time is a ResponseParseError after one request', async () => {
    let served = 0;
    harness().use(
      http.get(`${API}/tables`, () =>
        // Past 20 pages the loop is proven; answer 500 so a regression fails instead of hanging the suite.
        served >= 20
          ? HttpResponse.json({ code: 500, message: 'looped' }, { status: 500 })
          : HttpResponse.json({ data: [], paging: { after: `cursor-${served++}` } }),
      ),
    );
    const error = await collect(harness().client().tables.listAll(), []);
    expect(isResponseParseError(error)).toBe(true);
    expect((error as Error).message).toContain('empty page');
    expect(served).toBe(1);
  });

  test('a cursor that is not a string, or a page without paging, is a ResponseParseError, not a silent end', async () => {
    const tables = manyTables(2);
    for (const paging of [{ after: 12345 }, { after: { next: 'x' } }, undefined]) {
      harness().use(http.get(`${API}/tables`, () => HttpResponse.json({ data: tables, paging })));
      const names: string[] = [];
      const error = await collect(harness().client().tables.listAll(), names);
      expect(isResponseParseError(error), JSON.stringify(paging)).toBe(true);
      expect(names).toEqual(['table_0000', 'table_0001']); // the page's entities still reach the caller
    }
  });

  test('a page larger than asked is yielded whole, and the next page is still followed', async () => {
    const tables = manyTables(7);
    harness().use(
      http.get(`${API}/tables`, ({ request }) =>
        new URL(request.url).searchParams.has('after')
          ? HttpResponse.json({ data: tables.slice(5), paging: { total: 7 } })
          : HttpResponse.json({ data: tables.slice(0, 5), paging: { total: 7, after: 'next' } }),
      ),
    );
    const names: string[] = [];
    expect(await collect(harness().client().tables.listAll({ pageSize: 2 }), names)).toBeUndefined();
    expect(names).toHaveLength(7);
  });

  test('the iterable listAll returns can be walked twice, each walk from the first page', async () => {
    harness().mock.seed('/tables', manyTables(25));
    const everyTable = harness().client().tables.listAll({ pageSize: 10 });
    const first: string[] = [];
    const second: string[] = [];
    expect(await collect(everyTable, first)).toBeUndefined();
    expect(await collect(everyTable, second)).toBeUndefined();
    expect(first).toHaveLength(25);
    expect(second).toEqual(first);
    expect(harness().mock.seen('GET', '/tables')).toHaveLength(6);
  });

  test('breaking out of for await stops the paging: no request after the break', async () => {
    harness().mock.seed('/tables', manyTables(50));
    const client = harness().client();
    let count = 0;
    for await (const _table of client.tables.listAll({ pageSize: 10 })) if (++count === 15) break;
    expect(harness().mock.seen('GET', '/tables')).toHaveLength(2);
  });

  test('aborting while a page is on the wire rejects listAll with the reason', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let reached: () => void = () => {};
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    harness().use(
      http.get(`${API}/tables`, async () => {
        reached();
        await held;
        return HttpResponse.json({ data: [], paging: { total: 0 } });
      }),
    );
    const controller = new AbortController();
    const reason = new Error('user gave up');
    const pending = collect(harness().client().tables.listAll({ signal: controller.signal }), []);
    await arrived;
    controller.abort(reason);
    await expect(pending).resolves.toBe(reason);
    release();
  });
});
