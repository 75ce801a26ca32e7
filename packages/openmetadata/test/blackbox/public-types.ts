// Type-level black-box checks of the public API, proved by the package's typecheck (this file is in the
// tsconfig's `test` folder): the generated entity and create-request types of every kind SPEC section 8 names,
// `fields` restricted to the entity's own keys, and `notFound: 'undefined'` widening the result.
import type {
  Classification,
  CreateClassification,
  CreateDashboard,
  CreateDatabase,
  CreateDatabaseSchema,
  CreateDatabaseService,
  CreateGlossary,
  CreateGlossaryTerm,
  CreatePipeline,
  CreateTable,
  CreateTag,
  CreateTeam,
  CreateTopic,
  CreateUser,
  Dashboard,
  Database,
  DatabaseSchema,
  DatabaseService,
  EntityApi,
  EntityApis,
  EntityHistory,
  EntityList,
  Glossary,
  GlossaryTerm,
  OpenMetadata,
  Pipeline,
  Table,
  Tag,
  Team,
  Topic,
  User,
} from '@meta/openmetadata';
import { expectTypeOf } from 'vitest';

/** The entity and create-request types of one kind's API. */
type Kind<K extends keyof EntityApis> = EntityApis[K] extends EntityApi<infer E, infer C> ? [E, C] : never;

/** Never called: its body only has to compile. */
export async function publicTypesCompile(client: OpenMetadata, id: string): Promise<void> {
  expectTypeOf(await client.tables.getById(id)).toEqualTypeOf<Table>();
  expectTypeOf(await client.tables.getByName('a.b', { notFound: 'undefined' })).toEqualTypeOf<
    Table | undefined
  >();
  expectTypeOf(await client.tables.list()).toEqualTypeOf<EntityList<Table>>();
  expectTypeOf(await client.tables.versions(id)).toEqualTypeOf<EntityHistory>();
  expectTypeOf(client.tables.listAll()).toEqualTypeOf<AsyncIterable<Table>>();
  // @ts-expect-error `notAField` is not a key of Table, so it is not a field name
  await client.tables.getById(id, { fields: ['notAField'] });
  // @ts-expect-error a patch operation needs a known op
  await client.tables.patch(id, [{ op: 'frobnicate', path: '/a' }]);
  expectTypeOf<Kind<'tables'>>().toEqualTypeOf<[Table, CreateTable]>();
  expectTypeOf<Kind<'databases'>>().toEqualTypeOf<[Database, CreateDatabase]>();
  expectTypeOf<Kind<'databaseSchemas'>>().toEqualTypeOf<[DatabaseSchema, CreateDatabaseSchema]>();
  expectTypeOf<Kind<'databaseServices'>>().toEqualTypeOf<[DatabaseService, CreateDatabaseService]>();
  expectTypeOf<Kind<'users'>>().toEqualTypeOf<[User, CreateUser]>();
  expectTypeOf<Kind<'teams'>>().toEqualTypeOf<[Team, CreateTeam]>();
  expectTypeOf<Kind<'classifications'>>().toEqualTypeOf<[Classification, CreateClassification]>();
  expectTypeOf<Kind<'tags'>>().toEqualTypeOf<[Tag, CreateTag]>();
  expectTypeOf<Kind<'glossaries'>>().toEqualTypeOf<[Glossary, CreateGlossary]>();
  expectTypeOf<Kind<'glossaryTerms'>>().toEqualTypeOf<[GlossaryTerm, CreateGlossaryTerm]>();
  expectTypeOf<Kind<'dashboards'>>().toEqualTypeOf<[Dashboard, CreateDashboard]>();
  expectTypeOf<Kind<'pipelines'>>().toEqualTypeOf<[Pipeline, CreatePipeline]>();
  expectTypeOf<Kind<'topics'>>().toEqualTypeOf<[Topic, CreateTopic]>();
  expectTypeOf(client.users.create).parameter(0).toEqualTypeOf<CreateUser>();
  expectTypeOf(client.topics.patchFrom).parameter(0).toEqualTypeOf<Topic>();
}
