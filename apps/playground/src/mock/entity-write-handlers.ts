import { HttpResponse, http, type RequestHandler } from 'msw';
import { z } from 'zod';
import { type CatalogEntity, COLLECTION_OF, type EntityKind, nextVersion } from './catalog-entity.js';
import type { IncludeDeleted } from './catalog-store.js';
import { buildEntity, type CreateRequest, updateFromRequest } from './entity-factory.js';
import { childKindsOf, ENTITY_KIND_RULES, SERVER_OWNED_FIELDS } from './entity-kinds.js';
import { entityNotFound, errorResponse } from './error-response.js';
import { applyJsonPatch, isJsonPatch, JsonPatchError, type JsonPatchOperation } from './json-patch.js';
import type { MockContext } from './mock-context.js';
import { readJsonBody, violationMessage } from './request-body.js';

/** The mock has one user; every write is made by it. */
const UPDATED_BY = 'admin';

const restoreSchema = z.strictObject({ id: z.uuid() });
const jsonPatchSchema = z.custom<JsonPatchOperation[]>(isJsonPatch, 'must be a JSON patch array');

function respondWith(context: MockContext, kind: EntityKind, entity: CatalogEntity, status = 200): Response {
  context.produced.record(kind, entity);
  return HttpResponse.json(entity, { status });
}

async function readCreateBody(context: MockContext, kind: EntityKind, request: Request) {
  const rules = ENTITY_KIND_RULES[kind];
  const body = await readJsonBody(request, 'application/json', rules.createSchema);
  if ('value' in body) context.produced.record(rules.createSchemaName, body.value);
  return body as { value: CreateRequest } | { error: Response };
}

function createHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.post(`${context.apiBase}/${COLLECTION_OF[kind]}`, async ({ request }) => {
    const body = await readCreateBody(context, kind, request);
    if ('error' in body) return body.error;
    const built = buildEntity(context.store, kind, body.value, UPDATED_BY);
    if ('notFound' in built) return errorResponse(404, built.notFound);
    if (context.store.getByName(kind, built.entity.fullyQualifiedName, 'all')) {
      return errorResponse(409, 'Entity already exists');
    }
    context.store.save(kind, built.entity);
    return respondWith(context, kind, built.entity, 201);
  });
}

function createOrUpdateHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.put(`${context.apiBase}/${COLLECTION_OF[kind]}`, async ({ request }) => {
    const body = await readCreateBody(context, kind, request);
    if ('error' in body) return body.error;
    const built = buildEntity(context.store, kind, body.value, UPDATED_BY);
    if ('notFound' in built) return errorResponse(404, built.notFound);
    const existing = context.store.getByName(kind, built.entity.fullyQualifiedName, 'all');
    if (!existing) {
      context.store.save(kind, built.entity);
      return respondWith(context, kind, built.entity, 201);
    }
    const updated = updateFromRequest(context.store, kind, existing, body.value, UPDATED_BY);
    context.store.save(kind, updated);
    return respondWith(context, kind, updated);
  });
}

function patchHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.patch(`${context.apiBase}/${COLLECTION_OF[kind]}/:id`, async ({ request, params }) => {
    const body = await readJsonBody(request, 'application/json-patch+json', jsonPatchSchema);
    if ('error' in body) return body.error;
    const id = String(params.id);
    const existing = context.store.get(kind, id);
    if (!existing) return entityNotFound(id);
    const owned = body.value.find((operation) =>
      SERVER_OWNED_FIELDS.includes(operation.path.split('/')[1] ?? ''),
    );
    if (owned) return errorResponse(400, `Field [${owned.path}] cannot be changed`);
    let patched: CatalogEntity;
    try {
      patched = applyJsonPatch(existing, body.value);
    } catch (error) {
      if (error instanceof JsonPatchError) return errorResponse(400, error.message);
      throw error;
    }
    const checked = ENTITY_KIND_RULES[kind].entitySchema.safeParse(patched);
    if (!checked.success) return errorResponse(400, violationMessage(checked.error.issues));
    if (JSON.stringify(patched) === JSON.stringify(existing)) return respondWith(context, kind, existing);
    const updated = { ...patched, version: nextVersion(existing.version), updatedAt: context.store.now() };
    context.store.save(kind, { ...updated, updatedBy: UPDATED_BY });
    return respondWith(context, kind, { ...updated, updatedBy: UPDATED_BY });
  });
}

/** The live (or, with `include`, any) entities that hang under `parent`: a database's schemas, a glossary's terms. */
function childrenOf(context: MockContext, kind: EntityKind, parentId: string, include: IncludeDeleted) {
  return childKindsOf(kind).flatMap((child) =>
    context.store
      .list(
        child.kind,
        include,
        (entity) => (entity[child.referenceField] as { id?: string })?.id === parentId,
      )
      .map((entity) => ({ kind: child.kind, entity })),
  );
}

/** Soft-delete (or remove) an entity and, recursively, everything under it. */
function deleteTree(context: MockContext, kind: EntityKind, entity: CatalogEntity, hardDelete: boolean) {
  for (const child of childrenOf(context, kind, entity.id, hardDelete ? 'all' : 'non-deleted')) {
    deleteTree(context, child.kind, child.entity, hardDelete);
  }
  const deleted = {
    ...entity,
    deleted: true,
    version: nextVersion(entity.version),
    updatedAt: context.store.now(),
  };
  if (hardDelete) context.store.remove(kind, entity.id);
  else context.store.save(kind, deleted);
  return deleted;
}

/**
 * `DELETE /<collection>/<id>?hardDelete=&recursive=`: a soft delete marks the entity `deleted` (hidden unless
 * `include` asks), a hard delete removes it. An entity with children needs `recursive=true`, else 400.
 */
function deleteHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.delete(`${context.apiBase}/${COLLECTION_OF[kind]}/:id`, ({ request, params }) => {
    const id = String(params.id);
    const query = new URL(request.url).searchParams;
    const hardDelete = query.get('hardDelete') === 'true';
    const existing = context.store.get(kind, id, hardDelete ? 'all' : 'non-deleted');
    if (!existing) return entityNotFound(id);
    if (query.get('recursive') !== 'true' && childrenOf(context, kind, id, 'non-deleted').length > 0) {
      return errorResponse(400, `${kind} is not empty`);
    }
    return respondWith(context, kind, deleteTree(context, kind, existing, hardDelete));
  });
}

/** `PUT /<collection>/restore` with `{ id }`: a soft-deleted entity comes back, with its version moved on. */
function restoreHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.put(`${context.apiBase}/${COLLECTION_OF[kind]}/restore`, async ({ request }) => {
    const body = await readJsonBody(request, 'application/json', restoreSchema);
    if ('error' in body) return body.error;
    context.produced.record('restoreEntity', body.value);
    const existing = context.store.get(kind, body.value.id, 'deleted');
    if (!existing) return entityNotFound(body.value.id);
    const restored = {
      ...existing,
      deleted: false,
      version: nextVersion(existing.version),
      updatedAt: context.store.now(),
    };
    context.store.save(kind, { ...restored, updatedBy: UPDATED_BY });
    return respondWith(context, kind, { ...restored, updatedBy: UPDATED_BY });
  });
}

/** `POST` (create), `PUT` (restore, create or update), `PATCH` (JSON patch) and `DELETE` for one kind. */
export function createEntityWriteHandlers(context: MockContext, kind: EntityKind): RequestHandler[] {
  return [
    createHandler(context, kind),
    restoreHandler(context, kind),
    createOrUpdateHandler(context, kind),
    patchHandler(context, kind),
    deleteHandler(context, kind),
  ];
}
