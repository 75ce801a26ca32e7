import { randomUUID } from 'node:crypto';
import { HttpResponse, http, type RequestHandler } from 'msw';
import { applyPatch, type Operation } from 'rfc6902';
import { ENTITY_KINDS } from '../src/entity-kinds.js';

/** The origin the handlers answer for (loopback, so REST sends the bearer token without a warning). */
export const ORIGIN = 'http://127.0.0.1:8585';
/** The API root the handlers serve: `<ORIGIN>/api/v1`. */
export const API = `${ORIGIN}/api/v1`;

/** A stored entity. */
export type StoredEntity = Record<string, unknown> & { id: string; name: string; fullyQualifiedName: string };

/** One request the mock saw. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly body: unknown;
}

function notFound(message: string) {
  return HttpResponse.json({ code: 404, message }, { status: 404 });
}

const encodeCursor = (index: number) => Buffer.from(`offset:${index}`).toString('base64url');
const decodeCursor = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString().split(':')[1]);

/**
 * An in-memory OpenMetadata-shaped API for every entity kind of the client: cursor paging (`limit`, `after`),
 * by-name and by-id reads, create (POST), create-or-update (PUT), JSON Patch applied with rfc6902, soft and hard
 * delete, restore and version history, plus `/system/version`. Errors are `{ code, message }` like the server's.
 */
export class MockOpenMetadata {
  /** Entities per collection path (`/tables`). */
  readonly collections = new Map<string, Map<string, StoredEntity>>();
  /** Every request, in order. */
  readonly requests: SeenRequest[] = [];
  /** The handlers to serve (MSW in-process, or through the loopback bridge). */
  readonly handlers: RequestHandler[];

  constructor() {
    for (const { path } of Object.values(ENTITY_KINDS)) this.collections.set(path, new Map());
    this.handlers = [
      http.get(`${API}/system/version`, async ({ request }) => {
        await this.#record(request);
        return HttpResponse.json({ version: '1.6.2', revision: 'abc1234', timestamp: 1733000000000 });
      }),
      ...Object.values(ENTITY_KINDS).flatMap(({ path }) => this.#collectionHandlers(path)),
    ];
  }

  /** Put `entities` into the collection at `path`. */
  seed(path: string, entities: readonly object[]): StoredEntity[] {
    const collection = this.collections.get(path)!;
    return entities.map((entity) => {
      const stored = { deleted: false, version: 0.1, ...entity } as unknown as StoredEntity;
      collection.set(stored.id, stored);
      return stored;
    });
  }

  /** Requests to `path` (exact) with `method`. */
  seen(method: string, path: string): SeenRequest[] {
    return this.requests.filter((request) => request.method === method && request.path === path);
  }

  async #record(request: Request): Promise<SeenRequest> {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.text();
    const seen = {
      method: request.method,
      path: url.pathname.slice('/api/v1'.length),
      query: url.searchParams,
      headers: request.headers,
      body: text.length > 0 ? JSON.parse(text) : undefined,
    };
    this.requests.push(seen);
    return seen;
  }

  #collectionHandlers(path: string): RequestHandler[] {
    const collection = this.collections.get(path)!;
    const live = (entity: StoredEntity | undefined, query: URLSearchParams) =>
      entity !== undefined && (query.get('include') === 'all' || entity.deleted !== true)
        ? entity
        : undefined;
    return [
      http.get(`${API}${path}`, async ({ request }) => {
        const { query } = await this.#record(request);
        const all = [...collection.values()].filter((entity) => live(entity, query));
        all.sort((left, right) => left.fullyQualifiedName.localeCompare(right.fullyQualifiedName));
        const limit = Number(query.get('limit') ?? 10);
        const start = query.has('after') ? decodeCursor(query.get('after')!) : 0;
        const data = all.slice(start, start + limit);
        const end = start + data.length;
        const paging = { total: all.length, ...(end < all.length ? { after: encodeCursor(end) } : {}) };
        return HttpResponse.json({ data, paging });
      }),
      http.get(`${API}${path}/name/:fqn`, async ({ request, params }) => {
        const { query } = await this.#record(request);
        const fqn = String(params.fqn);
        const entity = [...collection.values()].find((candidate) => candidate.fullyQualifiedName === fqn);
        return live(entity, query)
          ? HttpResponse.json(entity)
          : notFound(`${path} instance for ${fqn} not found`);
      }),
      http.get(`${API}${path}/:id/versions`, async ({ request, params }) => {
        await this.#record(request);
        const entity = collection.get(String(params.id));
        if (!entity) return notFound(`Entity with id [${params.id}] not found.`);
        return HttpResponse.json({ entityType: path.slice(1, -1), versions: [JSON.stringify(entity)] });
      }),
      http.get(`${API}${path}/:id`, async ({ request, params }) => {
        const { query } = await this.#record(request);
        const entity = live(collection.get(String(params.id)), query);
        return entity ? HttpResponse.json(entity) : notFound(`Entity with id [${params.id}] not found.`);
      }),
      http.put(`${API}${path}/restore`, async ({ request }) => {
        const { body } = await this.#record(request);
        const entity = collection.get((body as { id: string }).id);
        if (!entity) return notFound(`Entity with id [${(body as { id: string }).id}] not found.`);
        entity.deleted = false;
        return HttpResponse.json(entity);
      }),
      http.post(`${API}${path}`, async ({ request }) => {
        const { body } = await this.#record(request);
        const name = (body as { name: string }).name;
        if ([...collection.values()].some((entity) => entity.name === name)) {
          return HttpResponse.json({ code: 409, message: `Entity already exists` }, { status: 409 });
        }
        const entity = this.seed(path, [
          { ...(body as object), id: randomUUID(), fullyQualifiedName: name },
        ])[0];
        return HttpResponse.json(entity, { status: 201 });
      }),
      http.put(`${API}${path}`, async ({ request }) => {
        const { body } = await this.#record(request);
        const request_ = body as { name: string };
        const existing = [...collection.values()].find((entity) => entity.name === request_.name);
        if (existing) {
          Object.assign(existing, request_, {
            version: Math.round((Number(existing.version) + 0.1) * 10) / 10,
          });
          return HttpResponse.json(existing);
        }
        const entity = this.seed(path, [
          { ...request_, id: randomUUID(), fullyQualifiedName: request_.name },
        ])[0];
        return HttpResponse.json(entity, { status: 201 });
      }),
      http.patch(`${API}${path}/:id`, async ({ request, params }) => {
        const { body, headers } = await this.#record(request);
        if (headers.get('content-type') !== 'application/json-patch+json') {
          return HttpResponse.json({ code: 415, message: 'Unsupported media type' }, { status: 415 });
        }
        const entity = collection.get(String(params.id));
        if (!entity) return notFound(`Entity with id [${params.id}] not found.`);
        const results = applyPatch(entity, body as Operation[]);
        const failed = results.find((result) => result !== null);
        if (failed) return HttpResponse.json({ code: 400, message: failed.message }, { status: 400 });
        return HttpResponse.json(entity);
      }),
      http.delete(`${API}${path}/:id`, async ({ request, params }) => {
        const { query } = await this.#record(request);
        const entity = collection.get(String(params.id));
        if (!entity) return notFound(`Entity with id [${params.id}] not found.`);
        if (query.get('hardDelete') === 'true') collection.delete(entity.id);
        else entity.deleted = true;
        return HttpResponse.json(entity);
      }),
    ];
  }
}
