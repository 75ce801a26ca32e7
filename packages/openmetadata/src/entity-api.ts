import { ConfigError, isAPIError, ResponseParseError } from '@meta/errors';
import type { REST } from '@meta/rest';
import { createPatch, type Operation } from 'rfc6902';
import type {
  DeleteOptions,
  GetOptions,
  ListAllOptions,
  ListOptions,
  WriteOptions,
} from './entity-options.js';
import type { EntityHistory } from './generated/entity-types.js';
import type { SchemaRootName } from './generated/schema-bundle.js';
import { checkPageSize, type EntityList, pageThrough } from './list-all.js';
import { optionsRecord, readQuery, requireText } from './query-parameters.js';
import { validateResponse } from './response-validator.js';

export type { Operation as PatchOperation } from 'rfc6902';

/** What an {@link EntityApi} needs from its client. */
export interface EntityApiContext {
  /** The REST client the calls go through. */
  readonly rest: REST;
  /** The collection path under `/api/v1`, e.g. `/tables`. */
  readonly path: string;
  /** The schema an entity response is checked against. */
  readonly entitySchema: SchemaRootName;
  /** Whether responses are validated when a call does not say. */
  readonly validate: boolean;
}

/** What `getByName`/`getById` resolve to: `T`, or `T | undefined` with `notFound: 'undefined'`. */
export type GetResult<T, O> = O extends {
  /** The option that turns a 404 into `undefined`. */
  readonly notFound: 'undefined';
}
  ? T | undefined
  : T;

/**
 * The calls of one entity kind (`client.tables`, `client.users`, ...): reads by name, id and page, writes with
 * create requests (`C`), JSON Patch updates, soft and hard deletes, restore and version history. `T` is the
 * generated entity type, `C` its generated create request.
 */
export class EntityApi<T extends object, C extends object> {
  readonly #context: EntityApiContext;

  /** Use the properties of `OpenMetadata` (`client.tables`) rather than constructing this yourself. */
  constructor(context: EntityApiContext) {
    this.#context = context;
  }

  /** The collection path under `/api/v1` (`/tables`). */
  get path(): string {
    return this.#context.path;
  }

  /**
   * GET `/<kind>/name/<fqn>`: the entity with this fully qualified name (percent-encoded in the path; build it
   * with `fqn.build`). A 404 rejects with the `APIError` unless `notFound: 'undefined'`.
   *
   * @example await client.tables.getByName('mysql_prod.shop.public.orders', { fields: ['owners', 'tags'] })
   */
  getByName<const O extends GetOptions<T>>(fqn: string, options?: O): Promise<GetResult<T, O>> {
    const name = requireText(fqn, 'fqn');
    return this.#get(`${this.path}/name/${encodeURIComponent(name)}`, options) as Promise<GetResult<T, O>>;
  }

  /** GET `/<kind>/<id>`: the entity with this id. A 404 rejects with the `APIError` unless `notFound: 'undefined'`. */
  getById<const O extends GetOptions<T>>(id: string, options?: O): Promise<GetResult<T, O>> {
    const entityId = requireText(id, 'id');
    return this.#get(`${this.path}/${encodeURIComponent(entityId)}`, options) as Promise<GetResult<T, O>>;
  }

  /** GET `/<kind>?limit=&after=&fields=&...filters`: one page, `{ data, paging }`. */
  async list(options?: ListOptions<T>): Promise<EntityList<T>> {
    const record = optionsRecord(options);
    const page = await this.#context.rest.get<EntityList<T>>(
      this.path,
      readQuery(record),
      this.#signal(record),
    );
    if (this.#shouldValidate(record)) {
      if (!Array.isArray(page?.data)) {
        throw new ResponseParseError({ message: `GET ${this.path}: a list response has no "data" array` });
      }
      for (const entity of page.data) await this.#validate(entity, 'GET', this.path);
      await validateResponse('Paging', page.paging, this.#target('GET', this.path));
    }
    return page;
  }

  /**
   * Every entity, page after page (`paging.after`), as an async iterable. `pageSize` is 1..1000 (default 100);
   * the signal aborts the current request and the iteration; a repeated cursor is a `ResponseParseError`.
   *
   * @example for await (const table of client.tables.listAll({ database: 'mysql_prod.shop' })) console.log(table.name)
   */
  listAll(options?: ListAllOptions<T>): AsyncIterable<T> {
    const record = optionsRecord(options);
    const limit = checkPageSize(record.pageSize);
    readQuery(record); // bad filters fail here, before the first page is asked for
    const signal = record.signal as AbortSignal | undefined;
    return pageThrough((after) => this.list({ ...record, limit, after } as ListOptions<T>), signal);
  }

  /** POST `/<kind>`: create the entity from a create request; rejects with a 409 `APIError` if it exists. */
  create(request: C, options?: WriteOptions): Promise<T> {
    return this.#write('POST', this.path, requireBody(request, 'request'), options);
  }

  /** PUT `/<kind>`: create the entity, or update the existing one with the same name. */
  createOrUpdate(request: C, options?: WriteOptions): Promise<T> {
    return this.#write('PUT', this.path, requireBody(request, 'request'), options);
  }

  /** PATCH `/<kind>/<id>` with RFC 6902 operations (`application/json-patch+json`). */
  patch(id: string, operations: readonly Operation[], options?: WriteOptions): Promise<T> {
    const path = `${this.path}/${encodeURIComponent(requireText(id, 'id'))}`;
    if (!Array.isArray(operations)) {
      throw new ConfigError('operations must be an array of JSON Patch operations', { field: 'operations' });
    }
    return this.#write('PATCH', path, operations, options);
  }

  /**
   * PATCH the difference between `before` (as read from the server) and `after` (your edited copy), computed
   * locally as minimal RFC 6902 operations. When nothing changed, no request is sent and `before` is returned.
   */
  async patchFrom(before: T, after: T, options?: WriteOptions): Promise<T> {
    requireBody(before, 'before');
    requireBody(after, 'after');
    const id = (before as { id?: unknown }).id;
    if (typeof id !== 'string' || id.length === 0) {
      throw new ConfigError('before.id must be the entity id (read the entity from the server first)', {
        field: 'before.id',
      });
    }
    const operations = createPatch(before, after);
    if (operations.length === 0) return before;
    return this.patch(id, operations, options);
  }

  /** DELETE `/<kind>/<id>?hardDelete=&recursive=`: soft-delete by default. */
  async delete(id: string, options?: DeleteOptions): Promise<void> {
    const record = optionsRecord(options);
    const query: Record<string, boolean> = {};
    for (const flag of ['hardDelete', 'recursive'] as const) {
      const value = record[flag];
      if (value === undefined) continue;
      if (typeof value !== 'boolean') throw new ConfigError(`${flag} must be a boolean`, { field: flag });
      query[flag] = value;
    }
    const path = `${this.path}/${encodeURIComponent(requireText(id, 'id'))}`;
    await this.#context.rest.delete(path, undefined, { ...this.#signal(record), query });
  }

  /** PUT `/<kind>/restore` with `{ id }`: bring back a soft-deleted entity. */
  restore(id: string, options?: WriteOptions): Promise<T> {
    return this.#write('PUT', `${this.path}/restore`, { id: requireText(id, 'id') }, options);
  }

  /** GET `/<kind>/<id>/versions`: the entity's version history (`versions` holds each version as JSON text). */
  async versions(id: string, options?: WriteOptions): Promise<EntityHistory> {
    const record = optionsRecord(options);
    const path = `${this.path}/${encodeURIComponent(requireText(id, 'id'))}/versions`;
    const history = await this.#context.rest.get<EntityHistory>(path, undefined, this.#signal(record));
    if (this.#shouldValidate(record))
      await validateResponse('EntityHistory', history, this.#target('GET', path));
    return history;
  }

  async #get(path: string, options: GetOptions<T> | undefined): Promise<T | undefined> {
    const record = optionsRecord(options);
    const notFound = record.notFound ?? 'throw';
    if (notFound !== 'throw' && notFound !== 'undefined') {
      throw new ConfigError('notFound must be "throw" or "undefined"', { field: 'notFound' });
    }
    let entity: T;
    try {
      entity = await this.#context.rest.get<T>(path, readQuery(record), this.#signal(record));
    } catch (error) {
      if (notFound === 'undefined' && isAPIError(error) && error.statusCode === 404) return undefined;
      throw error;
    }
    if (this.#shouldValidate(record)) await this.#validate(entity, 'GET', path);
    return entity;
  }

  async #write(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, options: unknown): Promise<T> {
    const record = optionsRecord(options);
    const rest = this.#context.rest;
    const call = { POST: rest.post, PUT: rest.put, PATCH: rest.patch }[method];
    const entity = (await call.call(rest, path, body, this.#signal(record))) as T;
    if (this.#shouldValidate(record)) await this.#validate(entity, method, path);
    return entity;
  }

  #validate(entity: unknown, method: string, path: string): Promise<void> {
    return validateResponse(this.#context.entitySchema, entity, this.#target(method, path));
  }

  #shouldValidate(record: Readonly<Record<string, unknown>>): boolean {
    const value = record.validate ?? this.#context.validate;
    if (typeof value !== 'boolean')
      throw new ConfigError('validate must be a boolean', { field: 'validate' });
    return value;
  }

  #signal(record: Readonly<Record<string, unknown>>): { signal?: AbortSignal } {
    return record.signal === undefined ? {} : { signal: record.signal as AbortSignal };
  }

  #target(method: string, path: string) {
    return { method, path };
  }
}

function requireBody<B>(body: B, field: string): B {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ConfigError(`${field} must be an object`, { field });
  }
  return body;
}
