import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import {
  COLLECTION_OF,
  createMockApi,
  type EntityKind,
  type MockApi,
  type ProducedSchemaName,
  SEED_IDS,
  SEED_NAMES,
} from '../src/mock/index.js';
import { callMock, loginToMock } from './support/call-mock.js';
import {
  OPENMETADATA_SPEC_DIRECTORY,
  openMetadataValidators,
  ROOT_SCHEMAS,
  schemaViolations,
} from './support/openmetadata-schemas.js';

const validators = openMetadataValidators();
let mock: MockApi;
let token: string;

beforeEach(async () => {
  mock = createMockApi();
  token = await loginToMock(mock);
});

function violationsOfEverythingProduced(): string[] {
  return mock.produced.values.flatMap(({ schema, value }) => schemaViolations(validators, schema, value));
}

/** Walk every route that produces an entity, a paging object or accepts a body, including the PUT update path. */
async function tourTheMock(): Promise<void> {
  const call = (method: string, path: string, body?: unknown, contentType?: string) =>
    callMock(mock, method, path, {
      token,
      ...(body === undefined ? {} : { body }),
      ...(contentType ? { contentType } : {}),
    });
  const database = await call('POST', '/databases', {
    name: 'analytics',
    service: SEED_NAMES.service,
    description: 'BI',
  });
  const schema = await call('POST', '/databaseSchemas', { name: 'marts', database: 'mysql_prod.analytics' });
  const createTable = {
    name: 'revenue',
    databaseSchema: 'mysql_prod.analytics.marts',
    columns: [
      { name: 'day', dataType: 'DATE' },
      { name: 'amount', dataType: 'DECIMAL', precision: 10, scale: 2 },
    ],
  };
  const table = await call('POST', '/tables', createTable);
  await call('PUT', '/tables', { ...createTable, description: 'Revenue per day' });
  await call('PUT', '/tables', { ...createTable, name: 'costs' });
  await call(
    'PATCH',
    `/tables/${(table.body as { id: string }).id}`,
    [{ op: 'add', path: '/displayName', value: 'Revenue' }],
    'application/json-patch+json',
  );
  for (const kind of Object.keys(COLLECTION_OF) as EntityKind[]) {
    const first = await call('GET', `/${COLLECTION_OF[kind]}?limit=1`);
    const after = (first.body as { paging: { after?: string } }).paging.after;
    if (after) await call('GET', `/${COLLECTION_OF[kind]}?limit=1&after=${encodeURIComponent(after)}`);
  }
  await call('GET', `/tables/name/${SEED_NAMES.table('orders')}`);
  await call('GET', `/databaseSchemas/${(schema.body as { id: string }).id}`);
  await call('GET', `/databases/${(database.body as { id: string }).id}`);
  await call('DELETE', `/tables/${SEED_IDS.tables.refunds}`);
  await call('DELETE', `/tables/${SEED_IDS.tables.payments}?hardDelete=true`);
}

test('the official schemas accept the vendored examples and reject a table without columns', () => {
  const table = JSON.parse(readFileSync(join(OPENMETADATA_SPEC_DIRECTORY, 'examples/table.json'), 'utf8'));
  const database = JSON.parse(
    readFileSync(join(OPENMETADATA_SPEC_DIRECTORY, 'examples/database.json'), 'utf8'),
  );
  expect(schemaViolations(validators, 'table', table)).toEqual([]);
  expect(schemaViolations(validators, 'database', database)).toEqual([]);
  const { columns: _dropped, ...withoutColumns } = table;
  expect(schemaViolations(validators, 'table', withoutColumns).join('\n')).toContain(
    "must have required property 'columns'",
  );
});

test('every seeded database, schema and table matches its official schema', () => {
  const seeded = (Object.keys(COLLECTION_OF) as EntityKind[]).flatMap((kind) =>
    mock.store.list(kind, 'all').map((entity) => schemaViolations(validators, kind, entity)),
  );
  expect(seeded).toHaveLength(6);
  expect(seeded.flat()).toEqual([]);
});

test('every entity, paging object and request body a tour of the mock produces matches its official schema', async () => {
  mock.produced.clear();
  await tourTheMock();
  const covered = new Set(mock.produced.values.map((produced) => produced.schema));
  expect([...covered].sort()).toEqual((Object.keys(ROOT_SCHEMAS) as ProducedSchemaName[]).sort());
  expect(mock.produced.values.length).toBeGreaterThan(20);
  expect(violationsOfEverythingProduced()).toEqual([]);
});

test('a mock entity that drifted from the API (an unknown field, a wrong column type) is caught', () => {
  const table = mock.store.get('table', SEED_IDS.tables.orders)!;
  const drifted = { ...table, rowCount: 12, columns: [{ name: 'id', dataType: 'BIGSERIAL' }] };
  const violations = schemaViolations(validators, 'table', drifted).join('\n');
  expect(violations).toContain('must NOT have additional properties');
  expect(violations).toContain('must be equal to one of the allowed values');
  expect(schemaViolations(validators, 'paging', { total: 4, limit: 2 })).not.toEqual([]);
});
