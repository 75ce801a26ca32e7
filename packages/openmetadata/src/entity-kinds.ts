import type * as Types from './generated/entity-types.js';
import type { SchemaRootName } from './generated/schema-bundle.js';

/** Every entity kind the client covers: property name -> collection path, entity type and create request. */
export interface EntityKinds {
  tables: { entity: Types.Table; create: Types.CreateTable };
  databases: { entity: Types.Database; create: Types.CreateDatabase };
  databaseSchemas: { entity: Types.DatabaseSchema; create: Types.CreateDatabaseSchema };
  databaseServices: { entity: Types.DatabaseService; create: Types.CreateDatabaseService };
  users: { entity: Types.User; create: Types.CreateUser };
  teams: { entity: Types.Team; create: Types.CreateTeam };
  classifications: { entity: Types.Classification; create: Types.CreateClassification };
  tags: { entity: Types.Tag; create: Types.CreateTag };
  glossaries: { entity: Types.Glossary; create: Types.CreateGlossary };
  glossaryTerms: { entity: Types.GlossaryTerm; create: Types.CreateGlossaryTerm };
  dashboards: { entity: Types.Dashboard; create: Types.CreateDashboard };
  pipelines: { entity: Types.Pipeline; create: Types.CreatePipeline };
  topics: { entity: Types.Topic; create: Types.CreateTopic };
}

/** The name of an entity kind: `'tables'`, `'databases'`, ... */
export type EntityKind = keyof EntityKinds;

/** Collection path under `/api/v1` and the schema of each kind's entity. */
export const ENTITY_KINDS: Readonly<Record<EntityKind, { readonly path: string; readonly schema: SchemaRootName }>> =
  Object.freeze({
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
