/** The three entity types the mock serves, named as OpenMetadata's `EntityReference.type` names them. */
export type EntityKind = 'table' | 'database' | 'databaseSchema';

/** The URL collection of each kind: `/api/v1/<collection>`. */
export const COLLECTION_OF: Readonly<Record<EntityKind, string>> = Object.freeze({
  table: 'tables',
  database: 'databases',
  databaseSchema: 'databaseSchemas',
});

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
