import type { Column } from '../schemas/table-entity-schema.js';
import type { CatalogEntity } from './catalog-entity.js';
import { type CatalogStore, MOCK_SERVICE } from './catalog-store.js';

/** Fixed ids of the seeded entities, so tests and the narrated session can name them. */
export const SEED_IDS = Object.freeze({
  database: 'ba6b83ad-b83d-4966-8b0d-79d065d6a73e',
  databaseSchema: 'ea8b5107-1883-4514-8ddf-71f9debcc7a3',
  tables: Object.freeze({
    customers: '3c1f7a52-6f0e-4b8a-9d53-0a4c8c2b7e11',
    orders: '1dbeccf9-c7c4-4525-9ea8-9a9201da601a',
    payments: '7e9d2b64-1a3f-4c5e-8b7d-2f6a9c0e4d22',
    refunds: 'c4a8e1f3-5b2d-4e7a-9c6f-3d8b1a0e5f33',
  }),
});

/** Fully qualified names of the seeded entities. */
export const SEED_NAMES = Object.freeze({
  service: MOCK_SERVICE.name,
  database: `${MOCK_SERVICE.name}.ecommerce`,
  databaseSchema: `${MOCK_SERVICE.name}.ecommerce.shop`,
  table: (name: keyof typeof SEED_IDS.tables) => `${MOCK_SERVICE.name}.ecommerce.shop.${name}`,
});

const SEED_UPDATED_AT = 1718035200000;

function column(
  tableName: string,
  position: number,
  name: string,
  dataType: string,
  extra: Partial<Column> = {},
) {
  return {
    name,
    dataType,
    dataTypeDisplay: dataType.toLowerCase(),
    fullyQualifiedName: `${tableName}.${name}`,
    tags: [],
    ordinalPosition: position,
    ...extra,
  };
}

function seedTable(
  store: CatalogStore,
  schema: CatalogEntity,
  name: keyof typeof SEED_IDS.tables,
): CatalogEntity {
  const id = SEED_IDS.tables[name];
  const fullyQualifiedName = SEED_NAMES.table(name);
  return {
    id,
    name,
    fullyQualifiedName,
    description: `The ${name} of the web shop.`,
    version: 0.1,
    updatedAt: SEED_UPDATED_AT,
    updatedBy: 'admin',
    href: store.hrefOf('table', id),
    tableType: 'Regular',
    columns: [
      column(fullyQualifiedName, 1, `${name.replace(/s$/, '')}_id`, 'BIGINT', { constraint: 'PRIMARY_KEY' }),
      column(fullyQualifiedName, 2, 'created_at', 'TIMESTAMP'),
    ],
    databaseSchema: store.referenceTo('databaseSchema', schema),
    database: schema.database,
    service: store.serviceReference(),
    serviceType: MOCK_SERVICE.serviceType,
    tags: [],
    followers: [],
    deleted: false,
  };
}

/** Fill an empty store with one database, one schema and four tables (enough for two pages of two). */
export function seedCatalog(store: CatalogStore): void {
  const database: CatalogEntity = {
    id: SEED_IDS.database,
    name: 'ecommerce',
    fullyQualifiedName: SEED_NAMES.database,
    description: 'Operational database of the web shop.',
    version: 0.1,
    updatedAt: SEED_UPDATED_AT,
    updatedBy: 'admin',
    href: store.hrefOf('database', SEED_IDS.database),
    service: store.serviceReference(),
    serviceType: MOCK_SERVICE.serviceType,
    default: false,
    deleted: false,
  };
  const schema: CatalogEntity = {
    id: SEED_IDS.databaseSchema,
    name: 'shop',
    fullyQualifiedName: SEED_NAMES.databaseSchema,
    version: 0.1,
    updatedAt: SEED_UPDATED_AT,
    updatedBy: 'admin',
    href: store.hrefOf('databaseSchema', SEED_IDS.databaseSchema),
    database: store.referenceTo('database', database),
    service: store.serviceReference(),
    serviceType: MOCK_SERVICE.serviceType,
    deleted: false,
  };
  store.save('database', database);
  store.save('databaseSchema', schema);
  for (const name of Object.keys(SEED_IDS.tables) as Array<keyof typeof SEED_IDS.tables>) {
    store.save('table', seedTable(store, schema, name));
  }
}
