import { ConfigError, isAPIError } from '@meta/errors';
import type { REST } from '@meta/rest';
import type { Operation } from 'rfc6902';
import type {
  DeleteOptions,
  GetOptions,
  ListAllOptions,
  ListOptions,
  WriteOptions,
} from './entity-options.js';
import type { EntityHistory } from './generated/entity-types.js';
import type { SchemaRootName } from './generated/schema-bundle.js';
import { checkListAllOptions, checkPageSize, type EntityList, pageThrough } from './list-all.js';
import { checkOperations, diffEntities } from './patch-operations.js';
import { requireEntityId, requireFqn, requireVersion } from './path-arguments.js';
import { optionsRecord, readQuery } from './query-parameters.js';
import {
  requireHistoryResponse,
  requireListResponse,
  requireObjectResponse,
  requirePaging,
} from './response-shape.js';
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
  async getByName<const O extends GetOptions<T>>(fqn: string, options?: O): Promise<GetResult<T, O>> {
    return this.#get(`${this.path}/name/${requireFqn(fqn)}`, options) as Promise<GetResult<T, O>>;
  }

  /**
   * GET `/<kind>/<id>`: the entity with this id (a UUID; anything else is a `ConfigError` and nothing is sent).
   * A 404 rejects with the `APIError` unless `notFound: 'undefined'`.
   */
  async getById<const O extends GetOptions<T>>(id: string, options?: O): Promise<GetResult<T, O>> {
    return this.#get(`${this.path}/${requireEntityId(id)}`, options) as Promise<GetResult<T, O>>;
  }

  /** GET `/<kind>?limit=&after=&fields=&...filters`: one page, `{ data, paging }`. */
  async list(options?: ListOptions<T>): Promise<EntityList<T>> {
    const record = optionsRecord(options);
    if (record.pageSize !== undefined) {
      // Silently dropped, it would leave the server's default of 10 where the caller asked for another size.
      throw new ConfigError('list takes limit (pageSize is the option of listAll)', { field: 'pageSize' });
    }
    return requirePaging(await this.#page(record), this.path);
  }

  // One page, shape-checked for `data` only: `listAll` reports a missing `paging` after yielding the entities.
  async #page(record: Readonly<Record<string, unknown>>): Promise<EntityList<T>> {
    const body = await this.#context.rest.get<unknown>(
      this.path,
      readQuery(record),
      this.#callOptions(record),
    );
    const page = requireListResponse<EntityList<T>>(body, this.path);
    if (this.#shouldValidate(record)) {
      for (const entity of page.data) await this.#validate(entity, 'GET', this.path);
      await validateResponse('Paging', page.paging, this.#target('GET', this.path));
    }
    return page;
  }

  /**
   * Every entity, page after page (`paging.after`), as an async iterable. `pageSize` is 1..1000 (default 100);
   * the signal aborts the current request and the iteration. A server that would keep it looping (a repeated
   * cursor, an empty page with a next cursor) or a page without `data`/`paging` is a `ResponseParseError`.
   *
   * @example for await (const table of client.tables.listAll({ database: 'mysql_prod.shop' })) console.log(table.name)
   */
  listAll(options?: ListAllOptions<T>): AsyncIterable<T> {
    const { pageSize, ...others } = optionsRecord(options);
    const record = optionsRecord(others); // the rest of a spread has Object.prototype again
    const limit = checkPageSize(pageSize);
    const signal = checkListAllOptions(record);
    readQuery(record); // bad filters fail here, before the first page is asked for
    const fetchPage = (after: string | undefined) => this.#page(optionsRecord({ ...record, limit, after }));
    // Each for-await starts a fresh walk from the first page, so the result can be iterated more than once.
    return { [Symbol.asyncIterator]: () => pageThrough(fetchPage, signal) };
  }

  /** POST `/<kind>`: create the entity from a create request; rejects with a 409 `APIError` if it exists. */
  async create(request: C, options?: WriteOptions): Promise<T> {
    return this.#write('POST', this.path, requireBody(request, 'request'), options);
  }

  /** PUT `/<kind>`: create the entity, or update the existing one with the same name. */
  async createOrUpdate(request: C, options?: WriteOptions): Promise<T> {
    return this.#write('PUT', this.path, requireBody(request, 'request'), options);
  }

  /** PATCH `/<kind>/<id>` with RFC 6902 operations (`application/json-patch+json`). */
  async patch(id: string, operations: readonly Operation[], options?: WriteOptions): Promise<T> {
    const path = `${this.path}/${requireEntityId(id)}`;
    return this.#write('PATCH', path, checkOperations(operations), options);
  }

  /**
   * PATCH the difference between `before` (as read from the server) and `after` (your edited copy), computed
   * locally as minimal RFC 6902 operations on the JSON forms of both (what the server sees: `undefined` is an
   * absent key, a `Date` its ISO string). When nothing changed, no request is sent and `before` is returned.
   */
  async patchFrom(before: T, after: T, options?: WriteOptions): Promise<T> {
    requireBody(before, 'before');
    requireBody(after, 'after');
    // Own property only: an `id` inherited from a polluted prototype must not aim the patch at another entity.
    const id = Object.hasOwn(before, 'id') ? (before as { id?: unknown }).id : undefined;
    if (typeof id !== 'string' || id.length === 0) {
      throw new ConfigError('before.id must be the entity id (read the entity from the server first)', {
        field: 'before.id',
      });
    }
    requireEntityId(id, 'before.id');
    const operations = diffEntities(before, after);
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
    const path = `${this.path}/${requireEntityId(id)}`;
    await this.#context.rest.delete(path, undefined, { ...this.#callOptions(record), query });
  }

  /** PUT `/<kind>/restore` with `{ id }`: bring back a soft-deleted entity. */
  async restore(id: string, options?: WriteOptions): Promise<T> {
    return this.#write('PUT', `${this.path}/restore`, { id: requireEntityId(id) }, options);
  }

  /** GET `/<kind>/<id>/versions`: the entity's version history (`versions` holds each version as JSON text). */
  async versions(id: string, options?: WriteOptions): Promise<EntityHistory> {
    const record = optionsRecord(options);
    const path = `${this.path}/${requireEntityId(id)}/versions`;
    const body = await this.#context.rest.get<unknown>(path, undefined, this.#callOptions(record));
    const history = requireHistoryResponse<EntityHistory>(body, path);
    if (this.#shouldValidate(record))
      await validateResponse('EntityHistory', history, this.#target('GET', path));
    return history;
  }

  /**
   * GET `/<kind>/<id>/versions/<version>`: the entity as it was at one version (`0.1`, `1.2`: the entity's
   * `version` field, a number or its text). A version that is not `major.minor` digits is a `ConfigError`.
   */
  async getVersion(id: string, version: number | string, options?: WriteOptions): Promise<T> {
    const path = `${this.path}/${requireEntityId(id)}/versions/${requireVersion(version)}`;
    const record = optionsRecord(options);
    const body = await this.#context.rest.get<unknown>(path, undefined, this.#callOptions(record));
    const entity = requireObjectResponse<T>(body, 'GET', path, `a ${this.#context.entitySchema} entity`);
    if (this.#shouldValidate(record)) await this.#validate(entity, 'GET', path);
    return entity;
  }

  async #get(path: string, options: GetOptions<T> | undefined): Promise<T | undefined> {
    const record = optionsRecord(options);
    const notFound = record.notFound ?? 'throw';
    if (notFound !== 'throw' && notFound !== 'undefined') {
      throw new ConfigError('notFound must be "throw" or "undefined"', { field: 'notFound' });
    }
    let body: unknown;
    try {
      body = await this.#context.rest.get<unknown>(path, readQuery(record), this.#callOptions(record));
    } catch (error) {
      if (notFound === 'undefined' && isAPIError(error) && error.statusCode === 404) return undefined;
      throw error;
    }
    const entity = requireObjectResponse<T>(body, 'GET', path, `a ${this.#context.entitySchema} entity`);
    if (this.#shouldValidate(record)) await this.#validate(entity, 'GET', path);
    return entity;
  }

  async #write(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown, options: unknown): Promise<T> {
    const record = optionsRecord(options);
    const rest = this.#context.rest;
    const call = { POST: rest.post, PUT: rest.put, PATCH: rest.patch }[method];
    const answer: unknown = await call.call(rest, path, body, this.#callOptions(record));
    const entity = requireObjectResponse<T>(answer, method, path, `a ${this.#context.entitySchema} entity`);
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

  // rawData off on every call: a client configured with `rawData: true` would otherwise hand back
  // `{ status, headers, data }` where this layer expects the entity.
  #callOptions(record: Readonly<Record<string, unknown>>): { rawData: false; signal?: AbortSignal } {
    return record.signal === undefined
      ? { rawData: false }
      : { rawData: false, signal: record.signal as AbortSignal };
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
