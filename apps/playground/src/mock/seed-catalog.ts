import type { Column } from '../schemas/table-entity-schema.js';
import type { CatalogEntity } from './catalog-entity.js';
import { type CatalogStore, MOCK_SERVICE } from './catalog-store.js';
import { EXTERNAL_SERVICES, type ExternalServiceKind } from './external-services.js';
import { seedGovernanceAndAssets } from './seed-governance.js';
import { SEED_IDS, SEED_NAMES, seedEntity } from './seed-ids.js';

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

function seedTables(store: CatalogStore, schema: CatalogEntity): void {
  for (const name of Object.keys(SEED_IDS.tables) as Array<keyof typeof SEED_IDS.tables>) {
    const fullyQualifiedName = SEED_NAMES.table(name);
    seedEntity(
      store,
      'table',
      { id: SEED_IDS.tables[name], name, fullyQualifiedName },
      {
        description: `The ${name} of the web shop.`,
        tableType: 'Regular',
        columns: [
          column(fullyQualifiedName, 1, `${name.replace(/s$/, '')}_id`, 'BIGINT', {
            constraint: 'PRIMARY_KEY',
          }),
          column(fullyQualifiedName, 2, 'created_at', 'TIMESTAMP'),
        ],
        databaseSchema: store.referenceTo('databaseSchema', schema),
        database: schema.database,
        service: schema.service,
        serviceType: MOCK_SERVICE.serviceType,
        tags: [],
        followers: [],
      },
    );
  }
}

function seedDatabases(store: CatalogStore): void {
  const service = seedEntity(store, 'databaseService', MOCK_SERVICE, {
    serviceType: MOCK_SERVICE.serviceType,
    description: 'The production MySQL of the web shop.',
    tags: [],
    owners: [],
  });
  const serviceReference = store.referenceTo('databaseService', service);
  const database = seedEntity(
    store,
    'database',
    { id: SEED_IDS.database, name: 'ecommerce', fullyQualifiedName: SEED_NAMES.database },
    {
      description: 'Operational database of the web shop.',
      service: serviceReference,
      serviceType: 'Mysql',
      default: false,
    },
  );
  const schema = seedEntity(
    store,
    'databaseSchema',
    { id: SEED_IDS.databaseSchema, name: 'shop', fullyQualifiedName: SEED_NAMES.databaseSchema },
    { database: store.referenceTo('database', database), service: serviceReference, serviceType: 'Mysql' },
  );
  seedTables(store, schema);
}

/**
 * Fill an empty store: a database service with one database, one schema and four tables (enough for two pages of
 * two), plus one entity of every other kind, and the dashboard, pipeline and messaging services they point at.
 */
export function seedCatalog(store: CatalogStore): void {
  for (const [kind, service] of Object.entries(EXTERNAL_SERVICES) as Array<
    [ExternalServiceKind, (typeof EXTERNAL_SERVICES)[ExternalServiceKind]]
  >) {
    seedEntity(store, kind, service, { serviceType: service.serviceType });
  }
  seedDatabases(store);
  seedGovernanceAndAssets(store);
}
