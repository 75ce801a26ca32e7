import type { EntityReference } from '../schemas/entity-reference-schema.js';
import { type CatalogEntity, COLLECTION_OF, copyEntity, type EntityKind } from './catalog-entity.js';

/** Which entities a list or get includes, as OpenMetadata's `include` query parameter says. */
export type IncludeDeleted = 'non-deleted' | 'deleted' | 'all';

/** Options of {@link CatalogStore}. */
export interface CatalogStoreOptions {
  /** The origin written into every `href`, e.g. `http://openmetadata.mock`. */
  readonly origin: string;
  /** Epoch milliseconds for `updatedAt`. @default Date.now */
  readonly now?: () => number;
}

/** The database service every mock database belongs to (services are not served as a collection). */
export const MOCK_SERVICE = Object.freeze({
  id: '9562446f-eee3-4711-9a2f-5485c7c756e4',
  name: 'mysql_prod',
  serviceType: 'Mysql',
});

function includes(entity: CatalogEntity, include: IncludeDeleted): boolean {
  if (include === 'all') return true;
  return include === 'deleted' ? entity.deleted === true : entity.deleted !== true;
}

/**
 * The mock's in-memory catalog: entities by kind and id, looked up by id or fully qualified name. It hands out
 * copies only, so a handler can never change stored state by accident.
 */
export class CatalogStore {
  readonly origin: string;
  readonly now: () => number;
  readonly #entities = new Map<EntityKind, Map<string, CatalogEntity>>();

  constructor(options: CatalogStoreOptions) {
    this.origin = options.origin;
    this.now = options.now ?? Date.now;
    for (const kind of Object.keys(COLLECTION_OF) as EntityKind[]) this.#entities.set(kind, new Map());
  }

  #of(kind: EntityKind): Map<string, CatalogEntity> {
    return this.#entities.get(kind)!;
  }

  /** The `href` OpenMetadata gives an entity of this kind. */
  hrefOf(kind: EntityKind, id: string): string {
    return `${this.origin}/api/v1/${COLLECTION_OF[kind]}/${id}`;
  }

  /** The entity with this id, or `undefined`. */
  get(kind: EntityKind, id: string, include: IncludeDeleted = 'non-deleted'): CatalogEntity | undefined {
    const entity = this.#of(kind).get(id);
    return entity && includes(entity, include) ? copyEntity(entity) : undefined;
  }

  /** The entity with this fully qualified name, or `undefined`. */
  getByName(
    kind: EntityKind,
    name: string,
    include: IncludeDeleted = 'non-deleted',
  ): CatalogEntity | undefined {
    for (const entity of this.#of(kind).values()) {
      if (entity.fullyQualifiedName === name && includes(entity, include)) return copyEntity(entity);
    }
    return undefined;
  }

  /** Entities of a kind sorted by fully qualified name, optionally only those under a parent FQN. */
  list(kind: EntityKind, include: IncludeDeleted, parentName?: string): CatalogEntity[] {
    const prefix = parentName === undefined ? undefined : `${parentName}.`;
    return [...this.#of(kind).values()]
      .filter((entity) => includes(entity, include))
      .filter((entity) => prefix === undefined || entity.fullyQualifiedName.startsWith(prefix))
      .sort((left, right) => (left.fullyQualifiedName < right.fullyQualifiedName ? -1 : 1))
      .map(copyEntity);
  }

  /** Insert or replace an entity (by id). */
  save(kind: EntityKind, entity: CatalogEntity): void {
    this.#of(kind).set(entity.id, copyEntity(entity));
  }

  /** Remove an entity for good (`hardDelete=true`). */
  remove(kind: EntityKind, id: string): void {
    this.#of(kind).delete(id);
  }

  /** The `EntityReference` another entity embeds to point at this one. */
  referenceTo(kind: EntityKind, entity: CatalogEntity): EntityReference {
    return {
      id: entity.id,
      type: kind,
      name: entity.name,
      fullyQualifiedName: entity.fullyQualifiedName,
      deleted: entity.deleted ?? false,
      href: this.hrefOf(kind, entity.id),
    };
  }

  /** The reference to {@link MOCK_SERVICE}. */
  serviceReference(): EntityReference {
    return {
      id: MOCK_SERVICE.id,
      type: 'databaseService',
      name: MOCK_SERVICE.name,
      fullyQualifiedName: MOCK_SERVICE.name,
      deleted: false,
      href: `${this.origin}/api/v1/services/databaseServices/${MOCK_SERVICE.id}`,
    };
  }
}
