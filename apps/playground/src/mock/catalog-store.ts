import type { EntityReference } from '../schemas/entity-reference-schema.js';
import { type CatalogEntity, COLLECTION_OF, copyEntity, type EntityKind } from './catalog-entity.js';
import { EXTERNAL_SERVICE_COLLECTIONS, type ExternalServiceKind } from './external-services.js';

/** Which entities a list or get includes, as OpenMetadata's `include` query parameter says. */
export type IncludeDeleted = 'non-deleted' | 'deleted' | 'all';

/** A kind the store can hold: the served kinds, and the services the mock only points at. */
export type StoredKind = EntityKind | ExternalServiceKind;

/** Options of {@link CatalogStore}. */
export interface CatalogStoreOptions {
  /** The origin written into every `href`, e.g. `http://openmetadata.mock`. */
  readonly origin: string;
  /** Epoch milliseconds for `updatedAt`. @default Date.now */
  readonly now?: () => number;
}

/** The database service the seeded databases belong to. */
export const MOCK_SERVICE = Object.freeze({
  id: '9562446f-eee3-4711-9a2f-5485c7c756e4',
  name: 'mysql_prod',
  serviceType: 'Mysql',
});

function includes(entity: CatalogEntity, include: IncludeDeleted): boolean {
  if (include === 'all') return true;
  return include === 'deleted' ? entity.deleted === true : entity.deleted !== true;
}

function collectionOf(kind: StoredKind): string {
  return kind in COLLECTION_OF
    ? COLLECTION_OF[kind as EntityKind]
    : EXTERNAL_SERVICE_COLLECTIONS[kind as ExternalServiceKind];
}

/**
 * The mock's in-memory catalog: entities by kind and id, looked up by id or fully qualified name, with every
 * stored version kept for `/versions`. It hands out copies only, so a handler never changes state by accident.
 */
export class CatalogStore {
  readonly origin: string;
  readonly now: () => number;
  readonly #entities = new Map<StoredKind, Map<string, CatalogEntity>>();
  /** Every version of each entity, oldest first, by id. */
  readonly #history = new Map<string, CatalogEntity[]>();

  constructor(options: CatalogStoreOptions) {
    this.origin = options.origin;
    this.now = options.now ?? Date.now;
  }

  #of(kind: StoredKind): Map<string, CatalogEntity> {
    const entities = this.#entities.get(kind) ?? new Map<string, CatalogEntity>();
    this.#entities.set(kind, entities);
    return entities;
  }

  /** The `href` OpenMetadata gives an entity of this kind. */
  hrefOf(kind: StoredKind, id: string): string {
    return `${this.origin}/api/v1/${collectionOf(kind)}/${id}`;
  }

  /** The entity with this id, or `undefined`. */
  get(kind: StoredKind, id: string, include: IncludeDeleted = 'non-deleted'): CatalogEntity | undefined {
    const entity = this.#of(kind).get(id);
    return entity && includes(entity, include) ? copyEntity(entity) : undefined;
  }

  /** The entity with this fully qualified name, or `undefined`. */
  getByName(
    kind: StoredKind,
    name: string,
    include: IncludeDeleted = 'non-deleted',
  ): CatalogEntity | undefined {
    for (const entity of this.#of(kind).values()) {
      if (entity.fullyQualifiedName === name && includes(entity, include)) return copyEntity(entity);
    }
    return undefined;
  }

  /** Entities of a kind sorted by fully qualified name, optionally only those passing `filter`. */
  list(
    kind: StoredKind,
    include: IncludeDeleted,
    filter: (entity: CatalogEntity) => boolean = () => true,
  ): CatalogEntity[] {
    return [...this.#of(kind).values()]
      .filter((entity) => includes(entity, include) && filter(entity))
      .sort((left, right) => (left.fullyQualifiedName < right.fullyQualifiedName ? -1 : 1))
      .map(copyEntity);
  }

  /** Insert or replace an entity (by id); a new version is added to its history. */
  save(kind: StoredKind, entity: CatalogEntity): void {
    this.#of(kind).set(entity.id, copyEntity(entity));
    const history = this.#history.get(entity.id) ?? [];
    if (history.at(-1)?.version === entity.version) history.pop();
    history.push(copyEntity(entity));
    this.#history.set(entity.id, history);
  }

  /** Every stored version of an entity, newest first (as `/versions` lists them). */
  versionsOf(id: string): CatalogEntity[] {
    return (this.#history.get(id) ?? []).map(copyEntity).reverse();
  }

  /** Remove an entity and its history for good (`hardDelete=true`). */
  remove(kind: StoredKind, id: string): void {
    this.#of(kind).delete(id);
    this.#history.delete(id);
  }

  /** The `EntityReference` another entity embeds to point at this one. */
  referenceTo(
    kind: StoredKind,
    entity: Pick<CatalogEntity, 'id' | 'name'> & Partial<CatalogEntity>,
  ): EntityReference {
    return {
      id: entity.id,
      type: kind,
      name: entity.name,
      fullyQualifiedName: entity.fullyQualifiedName ?? entity.name,
      deleted: entity.deleted ?? false,
      href: this.hrefOf(kind, entity.id),
    };
  }
}
