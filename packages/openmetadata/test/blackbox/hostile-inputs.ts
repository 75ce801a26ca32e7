// The hostile inputs and lying answers the black-box tests feed the client, kept apart so each test reads as the
// rule it checks. Every list is walked whole by its test; add a case here and it is checked.
import { ID, json, table } from './mock-server.js';

/** The error a promise rejects with (a resolved promise fails the test, showing what came back). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** Walks an async iterable, returning the names it yielded and how it ended (`error` undefined: it ended). */
export async function walk(iterable: AsyncIterable<{ name?: unknown }>, stopAfter = 1_000) {
  const names: unknown[] = [];
  try {
    for await (const item of iterable) {
      names.push(item.name);
      if (names.length >= stopAfter) break;
    }
    return { names, error: undefined as unknown };
  } catch (error) {
    return { names, error };
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** 2xx answers to an entity call that are not one JSON object. */
export const NOT_AN_ENTITY: ReadonlyArray<() => Response> = [
  () => new Response(null, { status: 204 }),
  () => new Response('', { status: 200, headers: JSON_TYPE }),
  () => json([table()]),
  () => json('orders'),
  () => json(null),
  () => json(42),
  () => new Response('plain words', { status: 200, headers: { 'content-type': 'text/plain' } }),
  () => new Response('<!doctype html><title>OpenMetadata</title>', { status: 200 }),
  () => new Response('{"id": ', { status: 200, headers: JSON_TYPE }),
];

/** `operations` arguments that are not RFC 6902 (with RFC 6901 pointers). */
export const BAD_PATCH_OPERATIONS: readonly unknown[] = [
  [{ op: 'replace', path: 'description', value: 'x' }],
  [{ op: 'add', path: '/a' }],
  [{ op: 'move', path: '/a' }],
  [{ op: 'copy', from: 5, path: '/a' }],
  [{ op: 'frobnicate', path: '/a', value: 1 }],
  [{ op: 'add', path: '/a', value: 1 }, null],
  'not an array',
  [{ op: 'replace', path: '/a/~2', value: 1 }],
  [{ op: 'move', from: '/b~', path: '/a' }],
];

/** Ids that are not UUIDs, several of them path tricks. */
export const BAD_IDS: readonly unknown[] = [
  '',
  ' ',
  '../x',
  '%2e%2e',
  `${ID}/versions`,
  `${ID}?x=1`,
  `${ID}#`,
  `${ID} `,
  42,
  null,
  {},
];

/** Versions that are not `major.minor` numbers. */
export const BAD_VERSIONS: readonly unknown[] = [
  'abc',
  '../1',
  '1.',
  '.1',
  '1.2.3',
  -0.1,
  Number.NaN,
  '0x1.2',
  '1.2/..',
  ' 0.1',
];

/** `list` options OpenMetadata would refuse (or that cannot be sent as a query value). */
export const BAD_LIST_OPTIONS: readonly unknown[] = [
  { limit: -1 },
  { limit: 1_000_001 },
  { limit: 1.5 },
  { limit: '10' },
  { limit: Number.NaN },
  { after: 'a', before: 'b' },
  { after: 5 },
  { include: 'everything' },
  { pageSize: 10 },
  { fields: ['owners,tags'] },
  { fields: 'owners' },
  { database: { $ne: null } },
  { database: ['a', 'b'] },
  { database: Number.POSITIVE_INFINITY },
  { signal: 'abort' },
  JSON.parse('{"__proto__": {"limit": 5}}'),
];

/** `listAll` options outside its rules: page size bounds, and the paging keys it owns. */
export const BAD_LIST_ALL_OPTIONS: readonly unknown[] = [
  { pageSize: 0 },
  { pageSize: 1001 },
  { pageSize: 2.5 },
  { limit: 5 },
  { after: 'x' },
  { before: 'x' },
];

/** List pages that cannot be followed: a cursor that is no string, an empty page with a cursor, no data/paging. */
export const LYING_PAGES: readonly unknown[] = [
  { data: [table()], paging: { total: 5, after: 42 } },
  { data: [table()], paging: { total: 5, after: { next: 'x' } } },
  { data: [], paging: { total: 5, after: 'more' } },
  { data: [table()] },
  { paging: { total: 1 } },
  { data: 'tables', paging: { total: 1 } },
  { data: [table()], paging: null },
  { data: [table()], paging: 'none' },
];

/** Each entity kind's collection path under `/api/v1`, as OpenMetadata's resources mount them. */
export const COLLECTION_PATHS: Readonly<Record<string, string>> = {
  tables: '/tables',
  databases: '/databases',
  databaseSchemas: '/databaseSchemas',
  databaseServices: '/services/databaseServices',
  users: '/users',
  teams: '/teams',
  classifications: '/classifications',
  tags: '/tags',
  glossaries: '/glossaries',
  glossaryTerms: '/glossaryTerms',
  dashboards: '/dashboards',
  pipelines: '/pipelines',
  topics: '/topics',
};
