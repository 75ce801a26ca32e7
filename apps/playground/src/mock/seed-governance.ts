import type { CatalogStore } from './catalog-store.js';
import { EXTERNAL_SERVICES } from './external-services.js';
import { SEED_IDS, SEED_NAMES, seedEntity } from './seed-ids.js';

function seedPeople(store: CatalogStore): void {
  const team = seedEntity(
    store,
    'team',
    { id: SEED_IDS.team, name: SEED_NAMES.team },
    {
      teamType: 'Group',
      displayName: 'Analytics',
      email: 'analytics@example.com',
      isJoinable: true,
    },
  );
  seedEntity(
    store,
    'user',
    { id: SEED_IDS.user, name: SEED_NAMES.user },
    {
      displayName: 'Alice',
      email: 'alice@example.com',
      isBot: false,
      isAdmin: false,
      teams: [store.referenceTo('team', team)],
    },
  );
}

function seedTagsAndTerms(store: CatalogStore): void {
  const classification = seedEntity(
    store,
    'classification',
    { id: SEED_IDS.classification, name: 'PII' },
    {
      description: 'Personally Identifiable Information.',
      provider: 'system',
      mutuallyExclusive: true,
      disabled: false,
    },
  );
  seedEntity(
    store,
    'tag',
    { id: SEED_IDS.tag, name: 'Sensitive', fullyQualifiedName: SEED_NAMES.tag },
    {
      description: 'PII which, if lost, could result in substantial harm.',
      classification: store.referenceTo('classification', classification),
      provider: 'system',
      mutuallyExclusive: false,
      disabled: false,
      deprecated: false,
    },
  );
  const glossary = seedEntity(
    store,
    'glossary',
    { id: SEED_IDS.glossary, name: SEED_NAMES.glossary },
    {
      description: 'Terms the finance and sales teams agree on.',
      provider: 'user',
      mutuallyExclusive: false,
      tags: [],
      reviewers: [],
    },
  );
  seedEntity(
    store,
    'glossaryTerm',
    { id: SEED_IDS.glossaryTerm, name: 'Revenue', fullyQualifiedName: SEED_NAMES.glossaryTerm },
    {
      description: 'Income from sales, before any costs are deducted.',
      glossary: store.referenceTo('glossary', glossary),
      synonyms: ['Turnover'],
      provider: 'user',
      mutuallyExclusive: false,
      tags: [],
    },
  );
}

function seedAssets(store: CatalogStore): void {
  const { dashboardService, pipelineService, messagingService } = EXTERNAL_SERVICES;
  const identity = (id: string, fullyQualifiedName: string) => ({
    id,
    fullyQualifiedName,
    name: fullyQualifiedName.slice(fullyQualifiedName.indexOf('.') + 1).replaceAll('"', ''),
  });
  seedEntity(store, 'dashboard', identity(SEED_IDS.dashboard, SEED_NAMES.dashboard), {
    displayName: 'Sales overview',
    dashboardType: 'Dashboard',
    charts: [],
    service: store.referenceTo('dashboardService', dashboardService),
    serviceType: dashboardService.serviceType,
    tags: [],
    followers: [],
  });
  seedEntity(store, 'pipeline', identity(SEED_IDS.pipeline, SEED_NAMES.pipeline), {
    scheduleInterval: '0 2 * * *',
    tasks: [{ name: 'extract_orders', downstreamTasks: ['load_orders'] }, { name: 'load_orders' }],
    service: store.referenceTo('pipelineService', pipelineService),
    serviceType: pipelineService.serviceType,
    tags: [],
    followers: [],
  });
  seedEntity(store, 'topic', identity(SEED_IDS.topic, SEED_NAMES.topic), {
    description: 'One event per order placed in the web shop.',
    partitions: 6,
    cleanupPolicies: ['delete'],
    service: store.referenceTo('messagingService', messagingService),
    serviceType: messagingService.serviceType,
    tags: [],
    followers: [],
  });
}

/** Seed one team and user, a classification with a tag, a glossary with a term, and one dashboard, pipeline, topic. */
export function seedGovernanceAndAssets(store: CatalogStore): void {
  seedPeople(store);
  seedTagsAndTerms(store);
  seedAssets(store);
}
