import { HttpResponse, http, type RequestHandler } from 'msw';
import { type CatalogEntity, COLLECTION_OF, type EntityKind } from './catalog-entity.js';
import type { IncludeDeleted } from './catalog-store.js';
import { ENTITY_KIND_RULES } from './entity-kinds.js';
import { entityNotFound, errorResponse } from './error-response.js';
import type { MockContext } from './mock-context.js';
import { InvalidCursorError, pageOf } from './paging.js';

const MAX_LIMIT = 1_000_000;

function includeOf(url: URL): IncludeDeleted | Response {
  const include = url.searchParams.get('include') ?? 'non-deleted';
  if (include === 'non-deleted' || include === 'deleted' || include === 'all') return include;
  return errorResponse(400, `[query param include must be one of [non-deleted, deleted, all]]`);
}

function limitOf(url: URL): number | Response {
  const raw = url.searchParams.get('limit') ?? '10';
  const limit = /^[0-9]{1,8}$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isNaN(limit)) return errorResponse(400, `[query param limit must be a number]`);
  if (limit > MAX_LIMIT)
    return errorResponse(400, `[query param limit must be less than or equal to ${MAX_LIMIT}]`);
  return limit;
}

/**
 * The list filter of the query's parent parameter (`?database=`, `?service=`, `?glossary=`...). OpenMetadata takes
 * a fully qualified name for most and an id for some, so the mock accepts either: an entity passes when its name
 * starts with the value plus a dot, or when one of its references has the value as id.
 */
function ancestorFilter(kind: EntityKind, url: URL): (entity: CatalogEntity) => boolean {
  const parameter = ENTITY_KIND_RULES[kind].parentParameters.find((name) => url.searchParams.has(name));
  if (parameter === undefined) return () => true;
  const value = url.searchParams.get(parameter)!;
  return (entity) =>
    entity.fullyQualifiedName.startsWith(`${value}.`) ||
    Object.values(entity).some(
      (field) => typeof field === 'object' && field !== null && (field as { id?: unknown }).id === value,
    );
}

function listHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.get(`${context.apiBase}/${COLLECTION_OF[kind]}`, ({ request }) => {
    const url = new URL(request.url);
    const include = includeOf(url);
    const limit = limitOf(url);
    if (include instanceof Response) return include;
    if (limit instanceof Response) return limit;
    const before = url.searchParams.get('before') ?? undefined;
    const after = url.searchParams.get('after') ?? undefined;
    if (before !== undefined && after !== undefined) {
      return errorResponse(400, 'Only one of before or after query parameter allowed');
    }
    const entities = context.store.list(kind, include, ancestorFilter(kind, url));
    try {
      const page = pageOf(entities, (entity) => entity.fullyQualifiedName, { limit, before, after });
      for (const entity of page.data) context.produced.record(kind, entity);
      context.produced.record('paging', page.paging);
      return HttpResponse.json(page);
    } catch (error) {
      if (error instanceof InvalidCursorError) return errorResponse(400, error.message);
      throw error;
    }
  });
}

function getByIdHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.get(`${context.apiBase}/${COLLECTION_OF[kind]}/:id`, ({ request, params }) => {
    const include = includeOf(new URL(request.url));
    if (include instanceof Response) return include;
    const id = String(params.id);
    const entity = context.store.get(kind, id, include);
    if (!entity) return entityNotFound(id);
    context.produced.record(kind, entity);
    return HttpResponse.json(entity);
  });
}

function getByNameHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.get(`${context.apiBase}/${COLLECTION_OF[kind]}/name/:name`, ({ request, params }) => {
    const include = includeOf(new URL(request.url));
    if (include instanceof Response) return include;
    const name = String(params.name);
    const entity = context.store.getByName(kind, name, include);
    if (!entity) return errorResponse(404, `${kind} instance for ${name} not found`);
    context.produced.record(kind, entity);
    return HttpResponse.json(entity);
  });
}

/**
 * `GET /<collection>/<id>/versions`: `{ entityType, versions }`, newest first. Each version is the entity as a JSON
 * string, as OpenMetadata's `EntityRepository.listVersions` sends it.
 */
function versionsHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.get(`${context.apiBase}/${COLLECTION_OF[kind]}/:id/versions`, ({ params }) => {
    const id = String(params.id);
    if (!context.store.get(kind, id, 'all')) return entityNotFound(id);
    const versions = context.store.versionsOf(id);
    for (const version of versions) context.produced.record(kind, version);
    const history = { entityType: kind, versions: versions.map((version) => JSON.stringify(version)) };
    context.produced.record('entityHistory', history);
    return HttpResponse.json(history);
  });
}

/**
 * `GET /<collection>/<id>/versions/<version>`: the entity as it was at that version (`0.1`), or OpenMetadata's
 * 404 (`<kind> instance for <id> and version <version> not found`); a version that is not a number is a 400.
 */
function versionHandler(context: MockContext, kind: EntityKind): RequestHandler {
  return http.get(`${context.apiBase}/${COLLECTION_OF[kind]}/:id/versions/:version`, ({ params }) => {
    const id = String(params.id);
    const requested = String(params.version);
    if (!/^[0-9]+(\.[0-9]+)?$/.test(requested)) return errorResponse(400, `Invalid version ${requested}`);
    if (!context.store.get(kind, id, 'all')) return entityNotFound(id);
    const found = context.store.versionsOf(id).find((version) => version.version === Number(requested));
    if (!found) return errorResponse(404, `${kind} instance for ${id} and version ${requested} not found`);
    context.produced.record(kind, found);
    return HttpResponse.json(found);
  });
}

/** `GET` list, by id, by fully qualified name, the version history and one version, for one kind. */
export function createEntityReadHandlers(context: MockContext, kind: EntityKind): RequestHandler[] {
  return [
    listHandler(context, kind),
    getByNameHandler(context, kind),
    versionsHandler(context, kind),
    versionHandler(context, kind),
    getByIdHandler(context, kind),
  ];
}
