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
  Glossary,
  GlossaryTerm,
  Pipeline,
  Table,
  Tag,
  Team,
  Topic,
  User,
} from './generated/entity-types.js';
import type { SchemaRootName } from './generated/schema-bundle.js';

/** The entity type and the create request of one entity kind. */
export interface KindTypes<Entity, CreateRequest> {
  /** The entity, as GET and write responses return it. */
  entity: Entity;
  /** The create request, as POST and PUT take it. */
  create: CreateRequest;
}

/** Every entity kind the client covers: property name -> entity type and create request. */
export interface EntityKinds {
  /** `/tables`: `Table` entities, created with `CreateTable`. */
  tables: KindTypes<Table, CreateTable>;
  /** `/databases`: `Database` entities, created with `CreateDatabase`. */
  databases: KindTypes<Database, CreateDatabase>;
  /** `/databaseSchemas`: `DatabaseSchema` entities, created with `CreateDatabaseSchema`. */
  databaseSchemas: KindTypes<DatabaseSchema, CreateDatabaseSchema>;
  /** `/services/databaseServices`: `DatabaseService` entities, created with `CreateDatabaseService`. */
  databaseServices: KindTypes<DatabaseService, CreateDatabaseService>;
  /** `/users`: `User` entities, created with `CreateUser`. */
  users: KindTypes<User, CreateUser>;
  /** `/teams`: `Team` entities, created with `CreateTeam`. */
  teams: KindTypes<Team, CreateTeam>;
  /** `/classifications`: `Classification` entities, created with `CreateClassification`. */
  classifications: KindTypes<Classification, CreateClassification>;
  /** `/tags`: `Tag` entities, created with `CreateTag`. */
  tags: KindTypes<Tag, CreateTag>;
  /** `/glossaries`: `Glossary` entities, created with `CreateGlossary`. */
  glossaries: KindTypes<Glossary, CreateGlossary>;
  /** `/glossaryTerms`: `GlossaryTerm` entities, created with `CreateGlossaryTerm`. */
  glossaryTerms: KindTypes<GlossaryTerm, CreateGlossaryTerm>;
  /** `/dashboards`: `Dashboard` entities, created with `CreateDashboard`. */
  dashboards: KindTypes<Dashboard, CreateDashboard>;
  /** `/pipelines`: `Pipeline` entities, created with `CreatePipeline`. */
  pipelines: KindTypes<Pipeline, CreatePipeline>;
  /** `/topics`: `Topic` entities, created with `CreateTopic`. */
  topics: KindTypes<Topic, CreateTopic>;
}

/** The name of an entity kind: `'tables'`, `'databases'`, ... */
export type EntityKind = keyof EntityKinds;

/** Where one entity kind lives and which schema its entities are checked against. */
export interface EntityKindRoute {
  /** The collection path under `/api/v1`, e.g. `/tables`. */
  readonly path: string;
  /** The vendored schema of the entity, e.g. `Table`. */
  readonly schema: SchemaRootName;
}

/** Collection path under `/api/v1` and the schema of each kind's entity. */
export const ENTITY_KINDS: Readonly<Record<EntityKind, EntityKindRoute>> = Object.freeze({
  tables: { path: '/tables', schema: 'Table' },
  databases: { path: '/databases', schema: 'Database' },
  databaseSchemas: { path: '/databaseSchemas', schema: 'DatabaseSchema' },
  databaseServices: { path: '/services/databaseServices', schema: 'DatabaseService' },
  users: { path: '/users', schema: 'User' },
  teams: { path: '/teams', schema: 'Team' },
  classifications: { path: '/classifications', schema: 'Classification' },
  tags: { path: '/tags', schema: 'Tag' },
  glossaries: { path: '/glossaries', schema: 'Glossary' },
  glossaryTerms: { path: '/glossaryTerms', schema: 'GlossaryTerm' },
  dashboards: { path: '/dashboards', schema: 'Dashboard' },
  pipelines: { path: '/pipelines', schema: 'Pipeline' },
  topics: { path: '/topics', schema: 'Topic' },
});
