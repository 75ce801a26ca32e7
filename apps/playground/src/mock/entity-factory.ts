import type { Column } from '../schemas/table-entity-schema.js';
import { type CatalogEntity, type EntityKind, nextVersion, quoteName } from './catalog-entity.js';
import type { CatalogStore } from './catalog-store.js';
import { ENTITY_KIND_RULES } from './entity-kinds.js';

/** A create request of any kind, already validated against the kind's create schema. */
export type CreateRequest = { readonly name: string } & Readonly<Record<string, unknown>>;

/** An entity built from a create request, or the 404 for a parent that does not exist. */
export type BuildResult = { readonly entity: CatalogEntity } | { readonly notFound: string };

/** Copy only the fields that are set: the schemas reject `null`, and absent must stay absent. */
function copiedFields(kind: EntityKind, request: CreateRequest): Record<string, unknown> {
  const copied: Record<string, unknown> = {};
  for (const field of ENTITY_KIND_RULES[kind].copiedFields) {
    if (request[field] !== undefined && request[field] !== null)
      copied[field] = structuredClone(request[field]);
  }
  return copied;
}

function columnsOf(tableName: string, columns: readonly Column[]): Column[] {
  return columns.map((column, index) => ({
    ...column,
    fullyQualifiedName: `${tableName}.${quoteName(column.name)}`,
    tags: column.tags ?? [],
    ordinalPosition: column.ordinalPosition ?? index + 1,
  }));
}

/** Fields whose request shape differs from the entity's: table columns get FQNs, user teams become references. */
function derivedFields(
  store: CatalogStore,
  kind: EntityKind,
  request: CreateRequest,
  fullyQualifiedName: string,
) {
  if (kind === 'table') return { columns: columnsOf(fullyQualifiedName, request.columns as Column[]) };
  if (kind === 'user' && Array.isArray(request.teams)) {
    const teams = (request.teams as string[]).flatMap((id) => {
      const team = store.get('team', id);
      return team ? [store.referenceTo('team', team)] : [];
    });
    return { teams };
  }
  return {};
}

type ParentFields = { readonly prefix: string | undefined; readonly fields: Record<string, unknown> };

function parentFieldsOf(
  store: CatalogStore,
  kind: EntityKind,
  request: CreateRequest,
): ParentFields | string {
  const rule = ENTITY_KIND_RULES[kind].parent;
  if (!rule) return { prefix: undefined, fields: {} };
  const parentName = String(request[rule.requestField]);
  const parent = store.getByName(rule.kind, parentName);
  if (!parent) return `${rule.kind} instance for ${parentName} not found`;
  const fields: Record<string, unknown> = { [rule.referenceField]: store.referenceTo(rule.kind, parent) };
  for (const field of rule.inherited) if (parent[field] !== undefined) fields[field] = parent[field];
  return { prefix: parent.fullyQualifiedName, fields };
}

/** Build a new entity of `kind` from its create request, as `POST /api/v1/<collection>` does. */
export function buildEntity(
  store: CatalogStore,
  kind: EntityKind,
  request: CreateRequest,
  updatedBy: string,
): BuildResult {
  const parent = parentFieldsOf(store, kind, request);
  if (typeof parent === 'string') return { notFound: parent };
  const id = crypto.randomUUID();
  const quoted = quoteName(request.name);
  const fullyQualifiedName = parent.prefix === undefined ? quoted : `${parent.prefix}.${quoted}`;
  const entity: CatalogEntity = {
    id,
    name: request.name,
    fullyQualifiedName,
    version: 0.1,
    updatedAt: store.now(),
    updatedBy,
    href: store.hrefOf(kind, id),
    deleted: false,
    ...structuredClone(ENTITY_KIND_RULES[kind].defaults),
    ...copiedFields(kind, request),
    ...parent.fields,
    ...derivedFields(store, kind, request, fullyQualifiedName),
  };
  return { entity };
}

/**
 * Apply a create request to an existing entity, as `PUT /api/v1/<collection>` does for a name that exists: the
 * mutable fields are replaced and the version moves on only when something changed.
 */
export function updateFromRequest(
  store: CatalogStore,
  kind: EntityKind,
  existing: CatalogEntity,
  request: CreateRequest,
  updatedBy: string,
): CatalogEntity {
  const updated: CatalogEntity = {
    ...existing,
    ...copiedFields(kind, request),
    ...derivedFields(store, kind, request, existing.fullyQualifiedName),
  };
  if (JSON.stringify(updated) === JSON.stringify(existing)) return existing;
  return { ...updated, version: nextVersion(existing.version), updatedAt: store.now(), updatedBy };
}
