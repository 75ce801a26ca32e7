import { type EntityKind, SEED_IDS, SEED_NAMES } from '../../src/mock/index.js';

/**
 * One create request per kind, as a client would send it, using the fields the mock copies onto the entity so the
 * drift test sees them on both sides. Each names a parent that the seeded catalog has.
 */
export const SAMPLE_CREATE_REQUESTS: Readonly<
  Record<EntityKind, { name: string } & Record<string, unknown>>
> = {
  table: {
    name: 'revenue',
    databaseSchema: SEED_NAMES.databaseSchema,
    tableType: 'View',
    columns: [
      { name: 'day', dataType: 'DATE' },
      { name: 'amount', dataType: 'DECIMAL', precision: 10, scale: 2 },
    ],
  },
  database: { name: 'analytics', service: SEED_NAMES.service, description: 'BI', default: false },
  databaseSchema: { name: 'marts', database: SEED_NAMES.database, displayName: 'Marts' },
  databaseService: {
    name: 'postgres_dw',
    serviceType: 'Postgres',
    description: 'The warehouse.',
    connection: { config: { type: 'Postgres', hostPort: 'dw.example.com:5432', username: 'reader' } },
  },
  user: {
    name: 'bob',
    email: 'bob@example.com',
    displayName: 'Bob',
    isBot: false,
    isAdmin: false,
    teams: [SEED_IDS.team],
  },
  team: { name: 'finance', teamType: 'Department', email: 'finance@example.com', isJoinable: false },
  classification: { name: 'Tier', description: 'How critical an asset is.', mutuallyExclusive: true },
  tag: {
    name: 'Internal',
    classification: SEED_NAMES.classification,
    description: 'For employees only.',
    style: { color: '#E11D48' },
  },
  glossary: { name: 'Finance', displayName: 'Finance glossary', description: 'Accounting terms.' },
  glossaryTerm: {
    name: 'Margin',
    glossary: SEED_NAMES.glossary,
    description: 'Revenue minus costs.',
    synonyms: ['Profit'],
    references: [{ name: 'Wikipedia', endpoint: 'https://en.wikipedia.org/wiki/Profit_margin' }],
  },
  dashboard: {
    name: 'churn',
    service: 'superset_prod',
    dashboardType: 'Report',
    sourceUrl: 'http://superset.example.com:8088/superset/dashboard/13/',
  },
  pipeline: {
    name: 'hourly_events',
    service: 'airflow_prod',
    scheduleInterval: '0 * * * *',
    tasks: [{ name: 'load', taskType: 'PythonOperator' }],
  },
  topic: { name: 'payments.settled', service: 'kafka_prod', partitions: 3, cleanupPolicies: ['compact'] },
};
