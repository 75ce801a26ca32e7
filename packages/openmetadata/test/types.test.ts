import { expect, expectTypeOf, test } from 'vitest';
import type {
  CreateTable,
  Database,
  EntityField,
  EntityHistory,
  EntityList,
  OpenMetadata,
  ServerVersion,
  Table,
  User,
} from '../src/index.js';

// The compiler checks this file (`tsc -p tsconfig.json`, the package's typecheck): each `@ts-expect-error` fails
// the typecheck if the line below it compiles. The functions are never called, so no request is made.

async function fieldsAreTheEntityFieldNames(client: OpenMetadata) {
  await client.tables.getByName('x', { fields: ['owners'] });
  await client.tables.getByName('x', { fields: ['columns', 'tags', 'followers'] });
  // @ts-expect-error 'nope' is not a field of Table
  await client.tables.getByName('x', { fields: ['nope'] });
  // @ts-expect-error 'teams' is a field of User, not of Table
  await client.tables.getById('id', { fields: ['teams'] });
  await client.users.getByName('x', { fields: ['teams'] });
  // @ts-expect-error listAll takes the same field names
  client.databases.listAll({ fields: ['columns'] });
  // @ts-expect-error fields is a list, not OpenMetadata's comma-joined string
  await client.tables.getByName('x', { fields: 'owners,tags' });
}

async function resultsCarryTheEntityType(client: OpenMetadata) {
  expectTypeOf(await client.tables.getByName('x')).toEqualTypeOf<Table>();
  expectTypeOf(await client.tables.getByName('x', { notFound: 'undefined' })).toEqualTypeOf<
    Table | undefined
  >();
  expectTypeOf(await client.tables.getByName('x', { notFound: 'throw' })).toEqualTypeOf<Table>();
  expectTypeOf(await client.databases.getById('id')).toEqualTypeOf<Database>();
  expectTypeOf(await client.users.getById('id', { notFound: 'undefined' })).toEqualTypeOf<User | undefined>();
  expectTypeOf(await client.tables.list()).toEqualTypeOf<EntityList<Table>>();
  expectTypeOf(client.tables.listAll()).toEqualTypeOf<AsyncIterable<Table>>();
  expectTypeOf(await client.tables.versions('id')).toEqualTypeOf<EntityHistory>();
  expectTypeOf(await client.tables.getVersion('id', 0.2)).toEqualTypeOf<Table>();
  // @ts-expect-error a version is a number or its text, not an object
  await client.tables.getVersion('id', { major: 0 });
  expectTypeOf(await client.tables.patchFrom({} as Table, {} as Table)).toEqualTypeOf<Table>();
  expectTypeOf(await client.tables.create({} as CreateTable)).toEqualTypeOf<Table>();
  expectTypeOf(await client.tables.patch('id', [])).toEqualTypeOf<Table>();
  expectTypeOf(await client.tables.restore('id')).toEqualTypeOf<Table>();
  expectTypeOf(await client.tables.delete('id', { hardDelete: true })).toEqualTypeOf<void>();
  expectTypeOf(await client.health()).toEqualTypeOf<boolean>();
  expectTypeOf(await client.serverVersion()).toEqualTypeOf<ServerVersion>();
  expectTypeOf(await client.databases.list({ include: 'all' })).toEqualTypeOf<EntityList<Database>>();
  // @ts-expect-error include is one of non-deleted, deleted, all
  await client.tables.list({ include: 'everything' });
  // @ts-expect-error a patch operation is RFC 6902 (op, path, value)
  await client.tables.patch('id', [{ op: 'merge', path: '/a' }]);
}

async function writesTakeTheCreateRequest(client: OpenMetadata) {
  expectTypeOf(client.tables.create).parameter(0).toEqualTypeOf<CreateTable>();
  expectTypeOf(await client.tables.createOrUpdate({} as CreateTable)).toEqualTypeOf<Table>();
  // @ts-expect-error a create request needs its required fields (columns, databaseSchema)
  await client.tables.create({ name: 'orders' });
  // @ts-expect-error a Database is not a Table
  await client.tables.patchFrom({} as Database, {} as Database);
}

test('fields accept only the entity type field names', () => {
  expectTypeOf<EntityField<Table>>().toEqualTypeOf<keyof Table & string>();
  expectTypeOf<'owners'>().toExtend<EntityField<Table>>();
  expect(fieldsAreTheEntityFieldNames).toBeTypeOf('function');
});

test('results carry the entity type, and notFound: "undefined" adds undefined', () => {
  expect(resultsCarryTheEntityType).toBeTypeOf('function');
});

test('create and createOrUpdate take the generated create request', () => {
  expect(writesTakeTheCreateRequest).toBeTypeOf('function');
});
