import type { CatalogEntity } from './catalog-entity.js';
import { type CatalogStore, MOCK_SERVICE, type StoredKind } from './catalog-store.js';
import { EXTERNAL_SERVICES } from './external-services.js';

/** Fixed ids of the seeded entities, so tests and the narrated session can name them. */
export const SEED_IDS = Object.freeze({
  databaseService: MOCK_SERVICE.id,
  database: 'ba6b83ad-b83d-4966-8b0d-79d065d6a73e',
  databaseSchema: 'ea8b5107-1883-4514-8ddf-71f9debcc7a3',
  tables: Object.freeze({
    customers: '3c1f7a52-6f0e-4b8a-9d53-0a4c8c2b7e11',
    orders: '1dbeccf9-c7c4-4525-9ea8-9a9201da601a',
    payments: '7e9d2b64-1a3f-4c5e-8b7d-2f6a9c0e4d22',
    refunds: 'c4a8e1f3-5b2d-4e7a-9c6f-3d8b1a0e5f33',
  }),
  user: '0f04a12e-a06e-46af-81c2-3f0096aface5',
  team: '5b3e5c52-8d0f-4a61-9d9e-3c1d2f7b6a10',
  classification: 'e3a1c9b2-4d5f-4a6b-8c7d-1e2f3a4b5c6d',
  tag: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  glossary: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
  glossaryTerm: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
  dashboard: 'f4a5b6c7-d8e9-4f0a-9b1c-2d3e4f5a6b7c',
  pipeline: 'b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e',
  topic: 'c8d9e0f1-a2b3-4c4d-9e5f-6a7b8c9d0e1f',
});

/** Fully qualified names of the seeded entities. */
export const SEED_NAMES = Object.freeze({
  service: MOCK_SERVICE.name,
  database: `${MOCK_SERVICE.name}.ecommerce`,
  databaseSchema: `${MOCK_SERVICE.name}.ecommerce.shop`,
  table: (name: keyof typeof SEED_IDS.tables) => `${MOCK_SERVICE.name}.ecommerce.shop.${name}`,
  user: 'alice',
  team: 'analytics',
  classification: 'PII',
  tag: 'PII.Sensitive',
  glossary: 'Business',
  glossaryTerm: 'Business.Revenue',
  dashboard: `${EXTERNAL_SERVICES.dashboardService.name}.sales_overview`,
  pipeline: `${EXTERNAL_SERVICES.pipelineService.name}.daily_orders_etl`,
  topic: `${EXTERNAL_SERVICES.messagingService.name}."orders.created"`,
});

/** The `updatedAt` of every seeded entity (2024-06-10). */
export const SEED_UPDATED_AT = 1718035200000;

/** The fields every seeded entity has; `fields` adds the kind's own. */
export function seedEntity(
  store: CatalogStore,
  kind: StoredKind,
  identity: { id: string; name: string; fullyQualifiedName?: string },
  fields: Record<string, unknown>,
): CatalogEntity {
  const entity: CatalogEntity = {
    id: identity.id,
    name: identity.name,
    fullyQualifiedName: identity.fullyQualifiedName ?? identity.name,
    version: 0.1,
    updatedAt: SEED_UPDATED_AT,
    updatedBy: 'admin',
    href: store.hrefOf(kind, identity.id),
    deleted: false,
    ...fields,
  };
  store.save(kind, entity);
  return entity;
}
