import { randomUUID } from 'node:crypto';
import type {
  CreateDatabaseRequest,
  CreateDatabaseSchemaRequest,
  CreateTableRequest,
} from '../schemas/create-request-schemas.js';
import type { Column } from '../schemas/table-entity-schema.js';
import { type CatalogEntity, type EntityKind, nextVersion } from './catalog-entity.js';
import { type CatalogStore, MOCK_SERVICE } from './catalog-store.js';

/** A create request of any kind, already validated against its zod schema. */
export type CreateRequest = CreateTableRequest | CreateDatabaseRequest | CreateDatabaseSchemaRequest;

/** An entity built from a create request, or the 404 for a parent that does not exist. */
export type BuildResult = { readonly entity: CatalogEntity } | { readonly notFound: string };

/** Copy only the optional fields that are set: the schemas reject `null` and absent must stay absent. */
function optionalFields(request: { displayName?: string | undefined; description?: string | undefined }) {
  return {
    ...(request.displayName === undefined ? {} : { displayName: request.displayName }),
    ...(request.description === undefined ? {} : { description: request.description }),
  };
}

function columnsOf(tableName: string, columns: readonly Column[]): Column[] {
  return columns.map((column, index) => ({
    ...column,
    fullyQualifiedName: `${tableName}.${column.name}`,
    tags: column.tags ?? [],
    ordinalPosition: column.ordinalPosition ?? index + 1,
  }));
}

function common(store: CatalogStore, kind: EntityKind, name: string, parentName: string, updatedBy: string) {
  const id = randomUUID();
  return {
    id,
    name,
    fullyQualifiedName: `${parentName}.${name}`,
    version: 0.1,
    updatedAt: store.now(),
    updatedBy,
    href: store.hrefOf(kind, id),
    deleted: false,
  };
}

function buildDatabase(store: CatalogStore, request: CreateDatabaseRequest, updatedBy: string): BuildResult {
  if (request.service !== MOCK_SERVICE.name)
    return { notFound: `databaseService instance for ${request.service} not found` };
  const base = common(store, 'database', request.name, MOCK_SERVICE.name, updatedBy);
  const entity = { ...base, ...optionalFields(request), service: store.serviceReference() };
  return { entity: { ...entity, serviceType: MOCK_SERVICE.serviceType, default: request.default ?? false } };
}

function buildDatabaseSchema(
  store: CatalogStore,
  request: CreateDatabaseSchemaRequest,
  updatedBy: string,
): BuildResult {
  const database = store.getByName('database', request.database);
  if (!database) return { notFound: `database instance for ${request.database} not found` };
  const base = common(store, 'databaseSchema', request.name, database.fullyQualifiedName, updatedBy);
  const parents = { database: store.referenceTo('database', database), service: store.serviceReference() };
  return {
    entity: { ...base, ...optionalFields(request), ...parents, serviceType: MOCK_SERVICE.serviceType },
  };
}

function buildTable(store: CatalogStore, request: CreateTableRequest, updatedBy: string): BuildResult {
  const schema = store.getByName('databaseSchema', request.databaseSchema);
  if (!schema) return { notFound: `databaseSchema instance for ${request.databaseSchema} not found` };
  const base = common(store, 'table', request.name, schema.fullyQualifiedName, updatedBy);
  const entity = {
    ...base,
    ...optionalFields(request),
    tableType: request.tableType ?? 'Regular',
    columns: columnsOf(base.fullyQualifiedName, request.columns),
    databaseSchema: store.referenceTo('databaseSchema', schema),
    database: schema.database,
    service: schema.service,
    serviceType: MOCK_SERVICE.serviceType,
    tags: [],
    followers: [],
  };
  return { entity };
}

/** Build a new entity of `kind` from its create request, as `POST /api/v1/<collection>` does. */
export function buildEntity(
  store: CatalogStore,
  kind: EntityKind,
  request: CreateRequest,
  updatedBy: string,
): BuildResult {
  if (kind === 'table') return buildTable(store, request as CreateTableRequest, updatedBy);
  if (kind === 'database') return buildDatabase(store, request as CreateDatabaseRequest, updatedBy);
  return buildDatabaseSchema(store, request as CreateDatabaseSchemaRequest, updatedBy);
}

/**
 * Apply a create request to an existing entity, as `PUT /api/v1/<collection>` does for a name that exists: the
 * mutable fields are replaced and the version moves on only when something changed.
 */
export function updateFromRequest(
  store: CatalogStore,
  existing: CatalogEntity,
  request: CreateRequest,
  updatedBy: string,
): CatalogEntity {
  const updated: CatalogEntity = { ...existing, ...optionalFields(request) };
  if ('columns' in request) updated.columns = columnsOf(existing.fullyQualifiedName, request.columns);
  if ('tableType' in request && request.tableType !== undefined) updated.tableType = request.tableType;
  if (JSON.stringify(updated) === JSON.stringify(existing)) return existing;
  return { ...updated, version: nextVersion(existing.version), updatedAt: store.now(), updatedBy };
}
