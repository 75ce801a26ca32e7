import { HttpResponse, http, type RequestHandler } from 'msw';
import { COLLECTION_OF, type EntityKind } from './catalog-entity.js';
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
    const parentParameter = ENTITY_KIND_RULES[kind].parentParameters.find((name) =>
      url.searchParams.has(name),
    );
    const parentName = parentParameter === undefined ? undefined : url.searchParams.get(parentParameter)!;
    const entities = context.store.list(kind, include, parentName);
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

/** `GET` list, by id and by fully qualified name for one kind. */
export function createEntityReadHandlers(context: MockContext, kind: EntityKind): RequestHandler[] {
  return [listHandler(context, kind), getByNameHandler(context, kind), getByIdHandler(context, kind)];
}
