/**
 * The entity types the mock serves, named as OpenMetadata's `EntityReference.type` names them, one per collection
 * of `@meta/openmetadata` (`client.tables`, `client.databaseServices`, ...).
 */
export type EntityKind =
  | 'table'
  | 'database'
  | 'databaseSchema'
  | 'databaseService'
  | 'user'
  | 'team'
  | 'classification'
  | 'tag'
  | 'glossary'
  | 'glossaryTerm'
  | 'dashboard'
  | 'pipeline'
  | 'topic';

/** The URL collection of each kind: `/api/v1/<collection>` (database services live under `services/`). */
export const COLLECTION_OF: Readonly<Record<EntityKind, string>> = Object.freeze({
  table: 'tables',
  database: 'databases',
  databaseSchema: 'databaseSchemas',
  databaseService: 'services/databaseServices',
  user: 'users',
  team: 'teams',
  classification: 'classifications',
  tag: 'tags',
  glossary: 'glossaries',
  glossaryTerm: 'glossaryTerms',
  dashboard: 'dashboards',
  pipeline: 'pipelines',
  topic: 'topics',
});

/** Every kind the mock serves, in a stable order. */
export const ENTITY_KINDS: readonly EntityKind[] = Object.freeze(Object.keys(COLLECTION_OF) as EntityKind[]);

/** What every stored entity has, whatever its kind. The rest of the fields follow the kind's JSON Schema. */
export interface CatalogEntity {
  id: string;
  name: string;
  fullyQualifiedName: string;
  version: number;
  updatedAt: number;
  updatedBy?: string;
  href: string;
  deleted?: boolean;
  [field: string]: unknown;
}

/** OpenMetadata bumps the version by 0.1 on a minor change; rounding keeps it a clean `multipleOf: 0.1`. */
export function nextVersion(version: number): number {
  return Math.round((version + 0.1) * 10) / 10;
}

/** A deep copy safe to hand out: the store's objects are never shared with responses or recordings. */
export function copyEntity<Entity extends CatalogEntity>(entity: Entity): Entity {
  return structuredClone(entity);
}

/**
 * One part of a fully qualified name, quoted the way OpenMetadata's `FullyQualifiedName.quoteName` does: a name
 * containing a `.` is wrapped in double quotes so the dot is not read as a separator, and each `"` in it is
 * escaped as `\"` (as `fqn.quoteName` of `@meta/openmetadata` does).
 */
export function quoteName(name: string): string {
  const escaped = name.replaceAll('"', '\\"');
  return name.includes('.') ? `"${escaped}"` : escaped;
}
