import type { CatalogEntity } from './catalog-entity.js';

/** Service kinds the mock only points at: their entities are parents of dashboards, pipelines and topics. */
export type ExternalServiceKind = 'dashboardService' | 'pipelineService' | 'messagingService';

/** The URL collection of each referenced service kind (for `href`s). */
export const EXTERNAL_SERVICE_COLLECTIONS: Readonly<Record<ExternalServiceKind, string>> = Object.freeze({
  dashboardService: 'services/dashboardServices',
  pipelineService: 'services/pipelineServices',
  messagingService: 'services/messagingServices',
});

/** The one service of each referenced kind, with a `serviceType` from its official enum. */
export const EXTERNAL_SERVICES: Readonly<
  Record<ExternalServiceKind, Pick<CatalogEntity, 'id' | 'name'> & { serviceType: string }>
> = Object.freeze({
  dashboardService: {
    id: '6d1a5c3e-2b4f-4e8a-9c7d-0f1e2d3c4b5a',
    name: 'superset_prod',
    serviceType: 'Superset',
  },
  pipelineService: {
    id: '7e2b6d4f-3c5a-4f9b-8d0e-1a2b3c4d5e6f',
    name: 'airflow_prod',
    serviceType: 'Airflow',
  },
  messagingService: { id: '8f3c7e5a-4d6b-4a0c-9e1f-2b3c4d5e6f7a', name: 'kafka_prod', serviceType: 'Kafka' },
});
