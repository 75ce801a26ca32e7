/**
 * Deterministic OpenMetadata-shaped payloads, serialised once at server start so the server spends its CPU on
 * HTTP, not on JSON.stringify.
 */

const SERVICE = 'bench_mysql';
const DATABASE = 'ecommerce';
const SCHEMA = 'shopify';

function uuid(seed: number): string {
  const hex = seed.toString(16).padStart(12, '0');
  return `6a3c9f0e-0000-4000-8000-${hex}`;
}

function entityReference(type: string, seed: number, fullyQualifiedName: string) {
  const name = fullyQualifiedName.split('.').at(-1) ?? fullyQualifiedName;
  return {
    id: uuid(seed),
    type,
    name,
    fullyQualifiedName,
    deleted: false,
    href: `http://localhost:8585/api/v1/${type}s/${uuid(seed)}`,
  };
}

const COLUMN_TYPES = ['BIGINT', 'VARCHAR', 'TIMESTAMP', 'DECIMAL', 'BOOLEAN', 'JSON'] as const;

function column(tableFullyQualifiedName: string, index: number) {
  const dataType = COLUMN_TYPES[index % COLUMN_TYPES.length] ?? 'VARCHAR';
  const name = index === 0 ? 'id' : `column_${index}`;
  return {
    name,
    dataType,
    dataLength: dataType === 'VARCHAR' ? 255 : 1,
    dataTypeDisplay: dataType === 'VARCHAR' ? 'varchar(255)' : dataType.toLowerCase(),
    description: `Column ${index} of the table, kept for the analytics pipeline.`,
    fullyQualifiedName: `${tableFullyQualifiedName}.${name}`,
    tags: index % 4 === 0 ? [{ tagFQN: 'PII.Sensitive', source: 'Classification', labelType: 'Manual' }] : [],
    constraint: index === 0 ? 'PRIMARY_KEY' : 'NULL',
    ordinalPosition: index + 1,
  };
}

/** An OpenMetadata `Table` entity with `columnCount` columns. */
export function tableEntity(seed: number, columnCount: number) {
  const name = `dim_customer_${seed}`;
  const fullyQualifiedName = `${SERVICE}.${DATABASE}.${SCHEMA}.${name}`;
  return {
    id: uuid(seed),
    name,
    fullyQualifiedName,
    description: 'Customer dimension: one row per customer, refreshed nightly from the orders stream.',
    version: 0.3,
    updatedAt: 1_732_406_400_000,
    updatedBy: 'admin',
    href: `http://localhost:8585/api/v1/tables/${uuid(seed)}`,
    tableType: 'Regular',
    columns: Array.from({ length: columnCount }, (_, index) => column(fullyQualifiedName, index)),
    databaseSchema: entityReference('databaseSchema', 3, `${SERVICE}.${DATABASE}.${SCHEMA}`),
    database: entityReference('database', 2, `${SERVICE}.${DATABASE}`),
    service: entityReference('databaseService', 1, SERVICE),
    serviceType: 'Mysql',
    owners: [entityReference('user', 4, 'admin')],
    tags: [],
    followers: [],
    deleted: false,
  };
}

/** ~200 bytes: the shape of `GET /api/v1/system/version` plus a little padding that real servers add. */
export function smallPayload() {
  return {
    version: '1.5.11',
    revision: '4c1ac7e2d8b0f6a5e3c9d7b1a2f4e6c8d0b2a4f6',
    timestamp: 1_732_406_400_000,
    environment: 'benchmark',
    cluster: 'openmetadata-loopback',
    features: ['search', 'lineage'],
  };
}

/** A `CreateTable` request body (~1 KB) that the echo route sends back. */
export function createTableRequest() {
  const table = tableEntity(100, 4);
  return {
    name: table.name,
    description: table.description,
    tableType: table.tableType,
    columns: table.columns.map(({ name, dataType, dataLength, description }) => ({
      name,
      dataType,
      dataLength,
      description,
    })),
    databaseSchema: table.databaseSchema.fullyQualifiedName,
    owners: [{ id: table.owners[0]?.id, type: 'user' }],
  };
}

/** A paged table list around `targetBytes` long. */
export function tableList(targetBytes: number) {
  const sample = JSON.stringify(tableEntity(1000, 22)).length;
  const count = Math.max(1, Math.round(targetBytes / (sample + 1)));
  const data = Array.from({ length: count }, (_, index) => tableEntity(1000 + index, 22));
  return { data, paging: { after: 'bWF4X3JlY29yZHM=', total: count * 10 } };
}

/** The serialised bodies the server answers with. */
export interface Payloads {
  readonly small: Buffer;
  readonly table: Buffer;
  readonly big: Buffer;
  readonly tooManyRequests: Buffer;
}

/** Serialise every payload once. */
export function buildPayloads(): Payloads {
  return {
    small: Buffer.from(JSON.stringify(smallPayload())),
    table: Buffer.from(JSON.stringify(tableEntity(1, 22))),
    big: Buffer.from(JSON.stringify(tableList(1024 * 1024))),
    tooManyRequests: Buffer.from(JSON.stringify({ code: 429, message: 'Too many requests, retry later.' })),
  };
}
