// SPEC 6 and the playground rule of SPEC 8, where the other suites covered the easy case: every entity kind of
// the mock driven through @meta/openmetadata itself (not raw requests), on both transports (fetch intercepted
// in-process, undici through the loopback bridge), with names that need FQN quoting, and every value the mock
// produced on the way checked against the same vendored OpenMetadata schemas.
import { isAPIError } from '@meta/errors';
import { fqn, OpenMetadata } from '@meta/openmetadata';
import { createFetchTransport } from '@meta/transport';
import { afterEach, expect, test } from 'vitest';
import { createMockApi, ENTITY_KINDS, type EntityKind, type MockApi } from '../src/mock/index.js';
import { type ServedMock, serveMock } from '../src/session/serve-mock.js';
import { loginToMock } from './support/call-mock.js';
import { openMetadataValidators, schemaViolations } from './support/openmetadata-schemas.js';
import { SAMPLE_CREATE_REQUESTS } from './support/sample-create-requests.js';

const validators = openMetadataValidators();
const QUIET = { debug() {}, info() {}, warn() {}, error() {} };
const API_OF: Readonly<Record<EntityKind, keyof OpenMetadata & string>> = {
  table: 'tables',
  database: 'databases',
  databaseSchema: 'databaseSchemas',
  databaseService: 'databaseServices',
  user: 'users',
  team: 'teams',
  classification: 'classifications',
  tag: 'tags',
  glossary: 'glossaries',
  glossaryTerm: 'glossaryTerms',
  dashboard: 'dashboards',
  pipeline: 'pipelines',
  topic: 'topics',
};

type AnyApi = {
  create(request: object): Promise<Entity>;
  getByName(name: string, options?: object): Promise<Entity | undefined>;
  getById(id: string, options?: object): Promise<Entity | undefined>;
  list(options?: object): Promise<{ data: Entity[]; paging: { total: number; after?: string } }>;
  listAll(options?: object): AsyncIterable<Entity>;
  patchFrom(before: object, after: object): Promise<Entity>;
  delete(id: string, options?: object): Promise<void>;
  restore(id: string): Promise<Entity>;
  versions(id: string): Promise<{ versions: unknown[] }>;
  getVersion(id: string, version: number): Promise<Entity>;
};
type Entity = { id: string; name: string; fullyQualifiedName: string; version: number; deleted?: boolean };

const opened: Array<{ served: ServedMock; client: OpenMetadata; mock: MockApi }> = [];
afterEach(async () => {
  for (const { served, client, mock } of opened.splice(0)) {
    await client.close();
    mock.reset();
    await served.close();
  }
});

async function catalogOn(transport: 'fetch' | 'undici') {
  const mock = createMockApi();
  const token = await loginToMock(mock);
  const served = await serveMock(mock, transport);
  const client = new OpenMetadata({
    baseUrl: served.baseUrl,
    accessToken: token,
    retry: 0,
    logger: QUIET,
    ...(transport === 'fetch' ? { transport: createFetchTransport() } : {}),
  });
  opened.push({ served, client, mock });
  return { mock, client };
}

test.each(['fetch', 'undici'] as const)(
  'every entity kind through @meta/openmetadata on %s: a dotted, quoted, unicode name survives the whole lifecycle and every mock value matches the schemas',
  async (transport) => {
    const { mock, client } = await catalogOn(transport);
    mock.produced.clear();
    for (const kind of ENTITY_KINDS) {
      const api = client[API_OF[kind]] as unknown as AnyApi;
      const name = `${SAMPLE_CREATE_REQUESTS[kind].name}.v2 "ü/%?#`;
      const created = await api.create({ ...SAMPLE_CREATE_REQUESTS[kind], name });
      expect(created.name, kind).toBe(name);
      expect(fqn.split(created.fullyQualifiedName).at(-1), kind).toBe(name);
      const byName = await api.getByName(created.fullyQualifiedName, { fields: ['owners'] });
      expect(byName?.id, kind).toBe(created.id);
      const walked: string[] = [];
      for await (const entity of api.listAll({ pageSize: 1 })) walked.push(entity.id);
      const firstPage = await api.list({ limit: 1000 });
      expect(walked.sort(), kind).toEqual(firstPage.data.map((entity) => entity.id).sort());
      expect(walked, kind).toContain(created.id);
      expect(walked.length, kind).toBe(firstPage.paging.total);
      const patched = await api.patchFrom(created, { ...created, displayName: 'Patched' });
      expect(patched.version, kind).toBeGreaterThan(created.version);
      await api.delete(created.id);
      expect((await api.getById(created.id, { include: 'deleted' }))?.deleted, kind).toBe(true);
      await api.restore(created.id);
      const history = await api.versions(created.id);
      expect(history.versions.length, kind).toBeGreaterThanOrEqual(2);
      expect((await api.getVersion(created.id, created.version)).version, kind).toBe(created.version);
      await api.delete(created.id, { hardDelete: true, recursive: true });
      expect(await api.getById(created.id, { notFound: 'undefined' }), kind).toBeUndefined();
      expect(
        await api.getByName(created.fullyQualifiedName, { notFound: 'undefined' }),
        kind,
      ).toBeUndefined();
    }
    const schemas = new Set(mock.produced.values.map((produced) => produced.schema));
    for (const kind of ENTITY_KINDS) expect(schemas, kind).toContain(kind);
    const violations = mock.produced.values.flatMap(({ schema, value }) =>
      schemaViolations(validators, schema, value),
    );
    expect(violations).toEqual([]);
  },
);

test.each(['fetch', 'undici'] as const)(
  'the mock answers the paging edges as OpenMetadata does on %s: limit 0 is an empty page with the total, a forged cursor a 400, a missing id the {code, message} 404',
  async (transport) => {
    const { client } = await catalogOn(transport);
    const empty = await client.tables.list({ limit: 0 });
    expect(empty.data).toEqual([]);
    expect(empty.paging.total).toBeGreaterThan(0);
    const forged = await client.tables.list({ after: 'not-a-cursor' }).catch((error: unknown) => error);
    expect(isAPIError(forged) && forged.statusCode).toBe(400);
    const missing = '00000000-0000-4000-8000-000000000000';
    const notFound = await client.tables.getById(missing).catch((error: unknown) => error);
    expect(isAPIError(notFound) && [notFound.statusCode, notFound.message]).toEqual([
      404,
      `Entity with id [${missing}] not found.`,
    ]);
  },
);
