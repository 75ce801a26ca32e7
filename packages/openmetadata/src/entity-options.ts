/** The name of one field of entity `T` (a key of its generated type), as OpenMetadata's `fields` parameter takes. */
export type EntityField<T> = Extract<keyof T, string>;

/** A list of entity `T`'s field names; sent as OpenMetadata's comma-joined `fields` string. */
export type FieldList<T> = readonly EntityField<T>[];

/** Which entities a read includes: OpenMetadata's `include` parameter. @default 'non-deleted' (server side) */
export type Include = 'non-deleted' | 'deleted' | 'all';

/** Options shared by every call. */
export interface CallOptions {
  /** Aborts the call; it rejects with `signal.reason`. */
  readonly signal?: AbortSignal | undefined;
  /** Check the response against the vendored JSON Schema. @default the client's `validate` */
  readonly validate?: boolean | undefined;
}

/** Options of `getById` and `getByName`. */
export interface GetOptions<T> extends CallOptions {
  /** Extra fields to return (`['owners', 'tags']`), sent comma-joined. */
  readonly fields?: FieldList<T> | undefined;
  /** Return soft-deleted entities too (`'all'`) or only them (`'deleted'`). */
  readonly include?: Include | undefined;
  /**
   * What a 404 does: `'throw'` rejects with the `APIError`, `'undefined'` resolves `undefined`.
   * @default 'throw'
   */
  readonly notFound?: 'throw' | 'undefined' | undefined;
}

/** Options of `list`: one page. Any other key is a filter sent as a query parameter (`service`, `database`). */
export interface ListOptions<T> extends CallOptions {
  /** Extra fields to return for every entity, sent comma-joined. */
  readonly fields?: FieldList<T> | undefined;
  /** Page size (OpenMetadata accepts 0..1000000; its default is 10). */
  readonly limit?: number | undefined;
  /** The cursor of the page after: `paging.after` of the previous page. */
  readonly after?: string | undefined;
  /** The cursor of the page before: `paging.before` of the next page. */
  readonly before?: string | undefined;
  /** Which entities to list. */
  readonly include?: Include | undefined;
  /** Filters such as `database: 'mysql_prod.shop'`: strings, numbers or booleans. */
  readonly [filter: string]: unknown;
}

/** Options of `listAll`: every page. Any other key is a filter sent as a query parameter. */
export interface ListAllOptions<T> extends CallOptions {
  /** Extra fields to return for every entity, sent comma-joined. */
  readonly fields?: FieldList<T> | undefined;
  /** Entities per request, an integer from 1 to 1000. @default 100 */
  readonly pageSize?: number | undefined;
  /** Which entities to list. */
  readonly include?: Include | undefined;
  /** Filters such as `database: 'mysql_prod.shop'`: strings, numbers or booleans. */
  readonly [filter: string]: unknown;
}

/** Options of `delete`. */
export interface DeleteOptions extends Pick<CallOptions, 'signal'> {
  /** Remove the entity for good instead of soft-deleting it. @default false (server side) */
  readonly hardDelete?: boolean | undefined;
  /** Also delete the entities it contains (a database's schemas and tables). @default false (server side) */
  readonly recursive?: boolean | undefined;
}

/**
 * Options of the write calls (`create`, `createOrUpdate`, `patch`, `patchFrom`, `restore`) and of `versions` and
 * `getVersion`.
 */
export type WriteOptions = CallOptions;
