import { isAPIError, isConfigError, isResponseParseError } from '@meta/errors';
import { HttpResponse, http } from 'msw';
import { expect, test } from 'vitest';
import { fqn, OpenMetadata, type Table } from '../src/index.js';
import { example } from './fixtures.js';
import { API } from './mock-openmetadata.js';
import { onBothTransports } from './transport-harness.js';

onBothTransports('Entity calls', (harness) => {
  test('patchFrom sends the minimal JSON Patch and the server applies it', async () => {
    const [stored] = harness().mock.seed('/tables', [example('table')]);
    const client = harness().client();
    const before = await client.tables.getById(stored!.id);
    const after: Table = structuredClone(before);
    after.description = 'Orders placed on the web shop.';
    after.tags = [
      ...(after.tags ?? []),
      { tagFQN: 'PII.None', source: 'Classification', labelType: 'Manual', state: 'Confirmed' },
    ];
    const updated = await client.tables.patchFrom(before, after);
    const [patch] = harness().mock.seen('PATCH', `/tables/${stored!.id}`);
    expect(patch!.headers.get('content-type')).toBe('application/json-patch+json');
    expect(patch!.body).toEqual([
      { op: 'replace', path: '/description', value: 'Orders placed on the web shop.' },
      { op: 'add', path: '/tags/-', value: after.tags.at(-1) },
    ]);
    expect(updated).toEqual(after);
  });

  test('patchFrom with no change sends nothing and returns the entity as it was', async () => {
    const [stored] = harness().mock.seed('/tables', [example('table')]);
    const client = harness().client();
    const before = await client.tables.getById(stored!.id);
    await expect(client.tables.patchFrom(before, structuredClone(before))).resolves.toBe(before);
    expect(harness().mock.seen('PATCH', `/tables/${stored!.id}`)).toHaveLength(0);
  });

  test('getByName round-trips FQNs with dots, quotes and non-ASCII names through the path', async () => {
    const names = [
      'orders.v2',
      'Bestellungen_Übersicht',
      '注文 2024',
      'a/b?c#d%e&f=g',
      'sales.q1.final',
      '..',
    ];
    const base = example('table');
    const entities = names.map((name, index) => ({
      ...base,
      id: `10000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      name,
      fullyQualifiedName: fqn.build('mysql.prod', 'shop', 'public', name),
    }));
    harness().mock.seed('/tables', entities);
    const client = harness().client();
    for (const entity of entities) {
      const found = await client.tables.getByName(entity.fullyQualifiedName);
      expect(found.id).toBe(entity.id);
      expect(fqn.split(found.fullyQualifiedName!)).toEqual(['mysql.prod', 'shop', 'public', entity.name]);
    }
  });

  test('getByName rejects a 404 with the APIError, or resolves undefined when asked', async () => {
    const client = harness().client();
    const error = await client.tables.getByName('nope.nope').catch((caught: unknown) => caught);
    expect(isAPIError(error) && error.statusCode).toBe(404);
    expect((error as Error).message).toContain('not found');
    await expect(client.tables.getByName('nope.nope', { notFound: 'undefined' })).resolves.toBeUndefined();
    await expect(
      client.users.getById('6f3c1a52-0000-4000-8000-000000000000', { notFound: 'undefined' }),
    ).resolves.toBeUndefined();
  });

  test('notFound: undefined still rejects errors other than 404', async () => {
    harness().use(
      http.get(`${API}/tables/name/:fqn`, () =>
        HttpResponse.json({ code: 403, message: 'no' }, { status: 403 }),
      ),
    );
    const client = harness().client();
    const error = await client.tables
      .getByName('a.b', { notFound: 'undefined' })
      .catch((caught: unknown) => caught);
    expect(isAPIError(error) && error.statusCode).toBe(403);
  });

  test('create, createOrUpdate, delete flags, restore and versions reach the right endpoints', async () => {
    const client = harness().client();
    const created = await client.classifications.create({ name: 'PII', description: 'Personal data' });
    expect(created.name).toBe('PII');
    const updated = await client.classifications.createOrUpdate({
      name: 'PII',
      description: 'Personal data!',
    });
    expect(updated.id).toBe(created.id);
    await client.classifications.delete(created.id, { recursive: true });
    const [softDelete] = harness().mock.seen('DELETE', `/classifications/${created.id}`);
    expect(softDelete!.query.get('recursive')).toBe('true');
    expect(softDelete!.query.has('hardDelete')).toBe(false);
    await expect(
      client.classifications.getById(created.id, { notFound: 'undefined' }),
    ).resolves.toBeUndefined();
    const restored = await client.classifications.restore(created.id);
    expect(restored.deleted).toBe(false);
    expect(harness().mock.seen('PUT', '/classifications/restore')[0]!.body).toEqual({ id: created.id });
    const history = await client.classifications.versions(created.id);
    expect(history.versions).toHaveLength(1);
    await client.classifications.delete(created.id, { hardDelete: true, recursive: false });
    const hard = harness().mock.seen('DELETE', `/classifications/${created.id}`)[1]!;
    expect([hard.query.get('hardDelete'), hard.query.get('recursive')]).toEqual(['true', 'false']);
    await expect(
      client.classifications.getById(created.id, { include: 'all', notFound: 'undefined' }),
    ).resolves.toBeUndefined();
  });

  test('getVersion reads GET /<kind>/<id>/versions/<version>, with the version as a number or text', async () => {
    const table = example<Table>('table');
    harness().use(
      http.get(`${API}/tables/:id/versions/:version`, ({ params }) =>
        HttpResponse.json({ ...table, id: params.id, version: Number(params.version) }),
      ),
    );
    const client = harness().client({ validate: true });
    const id = '6f3c1a52-0000-4000-8000-000000000001';
    expect((await client.tables.getVersion(id, 0.2)).version).toBe(0.2);
    expect((await client.tables.getVersion(id, '1.10')).version).toBe(1.1);
    for (const bad of ['1.2.3', '../x', '', -1, Number.NaN, 1e21, '0.1 ']) {
      const error = await client.tables.getVersion(id, bad).catch((caught: unknown) => caught);
      expect(isConfigError(error) && error.field, String(bad)).toBe('version');
    }
  });

  test('validate: true accepts a schema-valid response and rejects a bad one with the issues', async () => {
    const valid = example<Table>('table');
    const broken = { ...valid, columns: undefined, notAField: true };
    harness().use(
      http.get(`${API}/tables/name/good`, () => HttpResponse.json(valid)),
      http.get(`${API}/tables/name/bad`, () => HttpResponse.json(broken)),
    );
    const client = harness().client({ validate: true });
    await expect(client.tables.getByName('good')).resolves.toEqual(valid);
    const error = await client.tables.getByName('bad').catch((caught: unknown) => caught);
    expect(isResponseParseError(error)).toBe(true);
    const issues = (error as { issues: { message: string }[] }).issues.map((issue) => issue.message);
    expect(issues.join('\n')).toMatch(/columns/);
    expect(issues.join('\n')).toMatch(/additional properties/);
    // Per call, validation can be turned off again.
    await expect(client.tables.getByName('bad', { validate: false })).resolves.toMatchObject({
      notAField: true,
    });
  });

  test('validate: true checks every list item and the paging object', async () => {
    harness().use(
      http.get(`${API}/tables`, () =>
        HttpResponse.json({ data: [example('table')], paging: { after: 'x' } }),
      ),
    );
    const client = harness().client();
    const error = await client.tables.list({ validate: true }).catch((caught: unknown) => caught);
    expect(isResponseParseError(error)).toBe(true);
    expect((error as Error).message).toContain('Paging');
  });

  test('health and serverVersion read /system/version', async () => {
    const client = harness().client();
    await expect(client.health()).resolves.toBe(true);
    await expect(client.serverVersion()).resolves.toEqual({
      version: '1.6.2',
      revision: 'abc1234',
      timestamp: 1733000000000,
    });
    expect(harness().mock.requests[0]!.headers.get('authorization')).toBe('Bearer test-jwt');
  });

  test('fromEnv builds a client for OPENMETADATA_HOST with the OPENMETADATA_JWT_TOKEN bearer token', async () => {
    const transport = harness().transport();
    const host = harness().baseUrl.replace(/\/api$/, '');
    const client = OpenMetadata.fromEnv(
      { OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: 'env-jwt' },
      { transport, retry: 0 },
    );
    try {
      await expect(client.serverVersion()).resolves.toMatchObject({ version: '1.6.2' });
      expect(harness().mock.requests[0]!.headers.get('authorization')).toBe('Bearer env-jwt');
    } finally {
      await client.close();
      await transport.close();
    }
  });
});
