import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, expect, test } from 'vitest';
import {
  COLLECTION_OF,
  createMockApi,
  ENTITY_KINDS,
  type EntityKind,
  type MockApi,
  type ProducedSchemaName,
  SEED_IDS,
} from '../src/mock/index.js';
import { callMock, loginToMock } from './support/call-mock.js';
import {
  OPENMETADATA_SPEC_DIRECTORY,
  openMetadataValidators,
  ROOT_SCHEMAS,
  schemaViolations,
} from './support/openmetadata-schemas.js';
import { SAMPLE_CREATE_REQUESTS } from './support/sample-create-requests.js';

const validators = openMetadataValidators();
let mock: MockApi;
let token: string;

beforeEach(async () => {
  mock = createMockApi();
  token = await loginToMock(mock);
});

const call = (method: string, path: string, body?: unknown, contentType?: string) =>
  callMock(mock, method, path, {
    token,
    ...(body === undefined ? {} : { body }),
    ...(contentType ? { contentType } : {}),
  });

function violationsOfEverythingProduced(): string[] {
  return mock.produced.values.flatMap(({ schema, value }) => schemaViolations(validators, schema, value));
}

function createSchemaNameOf(kind: EntityKind): ProducedSchemaName {
  return `create${kind[0]!.toUpperCase()}${kind.slice(1)}` as ProducedSchemaName;
}

/** Every route of one kind: create, create-or-update (both ways), list pages, get by id and name, patch, delete, restore, versions. */
async function tourOneKind(kind: EntityKind): Promise<string[]> {
  const collection = `/${COLLECTION_OF[kind]}`;
  const request = SAMPLE_CREATE_REQUESTS[kind];
  const statuses: string[] = [];
  const note = async (label: string, answer: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await answer;
    statuses.push(`${label} ${status}`);
    return body as { id: string; fullyQualifiedName: string; paging?: { after?: string } };
  };
  const created = await note('POST', call('POST', collection, request));
  await note('PUT update', call('PUT', collection, { ...request, description: 'Changed.' }));
  await note('PUT create', call('PUT', collection, { ...request, name: `${request.name}_copy` }));
  const first = await note('GET page', call('GET', `${collection}?limit=1`));
  await note(
    'GET next',
    call('GET', `${collection}?limit=1&after=${encodeURIComponent(first.paging!.after!)}`),
  );
  await note('GET id', call('GET', `${collection}/${created.id}`));
  await note('GET name', call('GET', `${collection}/name/${encodeURIComponent(created.fullyQualifiedName)}`));
  const patch = [{ op: 'add', path: '/displayName', value: 'Patched' }];
  await note('PATCH', call('PATCH', `${collection}/${created.id}`, patch, 'application/json-patch+json'));
  await note('DELETE', call('DELETE', `${collection}/${created.id}`));
  await note('restore', call('PUT', `${collection}/restore`, { id: created.id }));
  await note('versions', call('GET', `${collection}/${created.id}/versions`));
  await note('hard DELETE', call('DELETE', `${collection}/${created.id}?hardDelete=true&recursive=true`));
  return statuses;
}

test('the vendored schemas are read from inside the repository, never from ../shared', () => {
  expect(OPENMETADATA_SPEC_DIRECTORY).toContain(join('packages', 'openmetadata', 'openmetadata-spec'));
  expect(OPENMETADATA_SPEC_DIRECTORY).not.toContain('shared');
  for (const file of Object.values(ROOT_SCHEMAS)) {
    expect(existsSync(join(OPENMETADATA_SPEC_DIRECTORY, 'schema', file))).toBe(true);
  }
});

test('the official schemas accept the vendored examples and reject a table without columns', () => {
  const read = (name: string) =>
    JSON.parse(readFileSync(join(OPENMETADATA_SPEC_DIRECTORY, `examples/${name}.json`), 'utf8'));
  for (const name of [
    'table',
    'database',
    'user',
    'team',
    'tag',
    'glossaryTerm',
    'dashboard',
    'pipeline',
    'topic',
  ]) {
    expect(schemaViolations(validators, name as ProducedSchemaName, read(name))).toEqual([]);
  }
  const { columns: _dropped, ...withoutColumns } = read('table');
  expect(schemaViolations(validators, 'table', withoutColumns).join('\n')).toContain(
    "must have required property 'columns'",
  );
});

test('every seeded entity of every kind matches its official schema', () => {
  const seeded = ENTITY_KINDS.flatMap((kind) =>
    mock.store.list(kind, 'all').map((entity) => schemaViolations(validators, kind, entity)),
  );
  expect(seeded).toHaveLength(16);
  expect(seeded.flat()).toEqual([]);
});

test.each(ENTITY_KINDS)(
  'every %s the mock answers, and every request body it accepts for it, matches the official schemas',
  async (kind) => {
    mock.produced.clear();
    const statuses = await tourOneKind(kind);
    expect(statuses).toEqual([
      'POST 201',
      'PUT update 200',
      'PUT create 201',
      'GET page 200',
      'GET next 200',
      'GET id 200',
      'GET name 200',
      'PATCH 200',
      'DELETE 200',
      'restore 200',
      'versions 200',
      'hard DELETE 200',
    ]);
    const covered = new Set(mock.produced.values.map((produced) => produced.schema));
    expect([...covered].sort()).toEqual(
      [kind, createSchemaNameOf(kind), 'paging', 'restoreEntity', 'entityHistory'].sort(),
    );
    expect(violationsOfEverythingProduced()).toEqual([]);
  },
);

test('the system version the mock answers matches the server version shape', async () => {
  mock.produced.clear();
  expect((await call('GET', '/system/version')).status).toBe(200);
  expect(mock.produced.values.map((produced) => produced.schema)).toEqual(['systemVersion']);
  expect(violationsOfEverythingProduced()).toEqual([]);
});

test('a mock entity that drifted from the API (an unknown field, a wrong column type) is caught', () => {
  const table = mock.store.get('table', SEED_IDS.tables.orders)!;
  const drifted = { ...table, rowCount: 12, columns: [{ name: 'id', dataType: 'BIGSERIAL' }] };
  const violations = schemaViolations(validators, 'table', drifted).join('\n');
  expect(violations).toContain('must NOT have additional properties');
  expect(violations).toContain('must be equal to one of the allowed values');
  expect(schemaViolations(validators, 'paging', { total: 4, limit: 2 })).not.toEqual([]);
  const topic = { ...mock.store.get('topic', SEED_IDS.topic)!, partitions: 0 };
  expect(schemaViolations(validators, 'topic', topic).join('\n')).toContain('must be >= 1');
});

test('a request body that drifted from the API is caught by the official create schemas', () => {
  expect(schemaViolations(validators, 'createTopic', { name: 't', service: 'kafka_prod' })).not.toEqual([]);
  expect(
    schemaViolations(validators, 'createUser', { ...SAMPLE_CREATE_REQUESTS.user, teams: ['x'] }),
  ).not.toEqual([]);
  expect(
    schemaViolations(validators, 'createDatabaseService', { name: 'x', serviceType: 'Nope' }),
  ).not.toEqual([]);
  expect(schemaViolations(validators, 'restoreEntity', { id: SEED_IDS.tag, extra: 1 })).not.toEqual([]);
});
