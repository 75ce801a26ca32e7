import { z } from 'zod';
import { databaseEntitySchema, databaseSchemaEntitySchema } from '../schemas/database-entity-schema.js';
import { entityCoreFields } from '../schemas/entity-core-fields.js';
import { tableEntitySchema } from '../schemas/table-entity-schema.js';
import type { EntityKind } from './catalog-entity.js';
import { CREATE_REQUEST_SCHEMAS } from './create-request-rules.js';
import type { ExternalServiceKind } from './external-services.js';
import type { ProducedSchemaName } from './produced-log.js';

/** Where a new entity hangs in the catalog: the create-request field naming its parent, and what it copies. */
export interface ParentRule {
  /** The create-request field holding the parent's fully qualified name (e.g. `databaseSchema`). */
  readonly requestField: string;
  /** The parent's kind: a served kind, or a service kind the mock only references. */
  readonly kind: EntityKind | ExternalServiceKind;
  /** The entity field that gets the `EntityReference` to the parent. */
  readonly referenceField: string;
  /** Fields copied from the parent entity (a table gets its schema's `database`, `service`, `serviceType`). */
  readonly inherited: readonly string[];
}

/** How the mock treats one entity kind. */
export interface EntityKindRules {
  /** Validates a patched entity before it is stored (the fields the mock relies on; the rest pass through). */
  readonly entitySchema: z.ZodType;
  /** Validates `POST`/`PUT` bodies. */
  readonly createSchema: z.ZodType;
  /** The official schema a create body is checked against in the drift test. */
  readonly createSchemaName: ProducedSchemaName;
  /** The parent, for kinds whose fully qualified name starts with another entity's. */
  readonly parent?: ParentRule;
  /** List query parameters that filter by an ancestor's fully qualified name. */
  readonly parentParameters: readonly string[];
  /** Create-request fields stored on the entity as they come (same shape in both official schemas). */
  readonly copiedFields: readonly string[];
  /** Fields every new entity of the kind starts with, as the server fills them in. */
  readonly defaults: Readonly<Record<string, unknown>>;
}

const anyEntity = z.looseObject(entityCoreFields);
const DESCRIBED = ['displayName', 'description'];

function rules(kind: EntityKind, shape: Omit<EntityKindRules, 'createSchema' | 'createSchemaName'>) {
  const createSchemaName = `create${kind[0]!.toUpperCase()}${kind.slice(1)}` as ProducedSchemaName;
  return { ...shape, createSchema: CREATE_REQUEST_SCHEMAS[kind], createSchemaName };
}

function serviceParent(kind: EntityKind | ExternalServiceKind): ParentRule {
  return { requestField: 'service', kind, referenceField: 'service', inherited: ['serviceType'] };
}

/** The rules of each kind. */
export const ENTITY_KIND_RULES: Readonly<Record<EntityKind, EntityKindRules>> = Object.freeze({
  table: rules('table', {
    entitySchema: tableEntitySchema,
    parent: {
      requestField: 'databaseSchema',
      kind: 'databaseSchema',
      referenceField: 'databaseSchema',
      inherited: ['database', 'service', 'serviceType'],
    },
    parentParameters: ['databaseSchema', 'database'],
    copiedFields: [...DESCRIBED, 'tableType'],
    defaults: { tableType: 'Regular', tags: [], followers: [] },
  }),
  database: rules('database', {
    entitySchema: databaseEntitySchema,
    parent: serviceParent('databaseService'),
    parentParameters: ['service'],
    copiedFields: [...DESCRIBED, 'default'],
    defaults: { default: false },
  }),
  databaseSchema: rules('databaseSchema', {
    entitySchema: databaseSchemaEntitySchema,
    parent: {
      requestField: 'database',
      kind: 'database',
      referenceField: 'database',
      inherited: ['service', 'serviceType'],
    },
    parentParameters: ['database'],
    copiedFields: DESCRIBED,
    defaults: {},
  }),
  databaseService: rules('databaseService', {
    entitySchema: anyEntity,
    parentParameters: [],
    // `connection` is kept as sent: its `config` is opaque to the schemas (see the spec README, third step).
    copiedFields: [...DESCRIBED, 'serviceType', 'connection'],
    defaults: { tags: [], owners: [] },
  }),
  user: rules('user', {
    entitySchema: anyEntity,
    parentParameters: [],
    copiedFields: [...DESCRIBED, 'email', 'isBot', 'isAdmin', 'timezone'],
    defaults: { isBot: false, isAdmin: false },
  }),
  team: rules('team', {
    entitySchema: anyEntity,
    parentParameters: [],
    copiedFields: [...DESCRIBED, 'teamType', 'email', 'isJoinable'],
    defaults: { isJoinable: true },
  }),
  classification: rules('classification', {
    entitySchema: anyEntity,
    parentParameters: [],
    copiedFields: [...DESCRIBED, 'provider', 'mutuallyExclusive'],
    defaults: { provider: 'user', mutuallyExclusive: false, disabled: false },
  }),
  tag: rules('tag', {
    entitySchema: anyEntity,
    parent: {
      requestField: 'classification',
      kind: 'classification',
      referenceField: 'classification',
      inherited: [],
    },
    parentParameters: ['parent'],
    copiedFields: [...DESCRIBED, 'style', 'provider', 'mutuallyExclusive'],
    defaults: { provider: 'user', mutuallyExclusive: false, disabled: false, deprecated: false },
  }),
  glossary: rules('glossary', {
    entitySchema: anyEntity,
    parentParameters: [],
    copiedFields: [...DESCRIBED, 'provider', 'mutuallyExclusive'],
    defaults: { provider: 'user', mutuallyExclusive: false, tags: [], reviewers: [] },
  }),
  glossaryTerm: rules('glossaryTerm', {
    entitySchema: anyEntity,
    parent: { requestField: 'glossary', kind: 'glossary', referenceField: 'glossary', inherited: [] },
    parentParameters: ['glossary'],
    copiedFields: [...DESCRIBED, 'synonyms', 'references', 'provider', 'mutuallyExclusive'],
    defaults: { synonyms: [], provider: 'user', mutuallyExclusive: false, tags: [] },
  }),
  dashboard: rules('dashboard', {
    entitySchema: anyEntity,
    parent: serviceParent('dashboardService'),
    parentParameters: ['service'],
    copiedFields: [...DESCRIBED, 'dashboardType', 'sourceUrl', 'project'],
    defaults: { dashboardType: 'Dashboard', charts: [], tags: [], followers: [] },
  }),
  pipeline: rules('pipeline', {
    entitySchema: anyEntity,
    parent: serviceParent('pipelineService'),
    parentParameters: ['service'],
    copiedFields: [...DESCRIBED, 'sourceUrl', 'concurrency', 'tasks', 'scheduleInterval'],
    defaults: { tasks: [], tags: [], followers: [] },
  }),
  topic: rules('topic', {
    entitySchema: anyEntity,
    parent: serviceParent('messagingService'),
    parentParameters: ['service'],
    copiedFields: [
      ...DESCRIBED,
      'partitions',
      'cleanupPolicies',
      'replicationFactor',
      'retentionTime',
      'maximumMessageSize',
      'minimumInSyncReplicas',
      'retentionSize',
      'messageSchema',
    ],
    defaults: { tags: [], followers: [] },
  }),
});

/** The kinds whose entities hang under an entity of `kind` (a database's schemas, a glossary's terms). */
export function childKindsOf(kind: EntityKind): Array<{ kind: EntityKind; referenceField: string }> {
  return Object.entries(ENTITY_KIND_RULES).flatMap(([child, rule]) =>
    rule.parent?.kind === kind
      ? [{ kind: child as EntityKind, referenceField: rule.parent.referenceField }]
      : [],
  );
}

/** Fields a JSON patch may not touch: the server owns them. */
export const SERVER_OWNED_FIELDS: readonly string[] = Object.freeze([
  'id',
  'name',
  'fullyQualifiedName',
  'version',
  'updatedAt',
  'updatedBy',
  'href',
  'deleted',
]);
