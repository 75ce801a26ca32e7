import { z } from 'zod';
import {
  createDatabaseRequestSchema,
  createDatabaseSchemaRequestSchema,
  createTableRequestSchema,
} from '../schemas/create-request-schemas.js';
import type { EntityKind } from './catalog-entity.js';

const entityName = z
  .string()
  .min(1)
  .max(256)
  .refine((name) => !name.includes('::'), 'must not contain "::"');
const fullyQualifiedName = z.string().min(1).max(3072);
const markdown = z.string();

/**
 * A strict create-request schema: the fields the mock needs are typed, every other field the official create
 * schema declares is let through untyped (the drift test checks them against the official schema), and a field
 * the official schema does not have is a 400, as on the server.
 */
function createRequest(required: z.ZodRawShape, otherFields: readonly string[]) {
  const others = Object.fromEntries(otherFields.map((field) => [field, z.unknown().optional()]));
  return z.strictObject({ ...others, name: entityName, ...required });
}

const COMMON = ['displayName', 'description', 'owners', 'tags', 'domains', 'dataProducts', 'extension'];

/** How the mock validates `POST`/`PUT` bodies of each kind (field lists from the official `api/**` schemas). */
export const CREATE_REQUEST_SCHEMAS: Readonly<Record<EntityKind, z.ZodType>> = Object.freeze({
  table: createTableRequestSchema,
  database: createDatabaseRequestSchema,
  databaseSchema: createDatabaseSchemaRequestSchema,
  databaseService: createRequest({ serviceType: z.string().min(1) }, [
    ...COMMON,
    'connection',
    'ingestionRunner',
  ]),
  user: createRequest({ email: z.email(), teams: z.array(z.uuid()).optional() }, [
    ...COMMON,
    'externalId',
    'scimUserName',
    'timezone',
    'isBot',
    'botName',
    'isAdmin',
    'profile',
    'roles',
    'personas',
    'defaultPersona',
    'authenticationMechanism',
    'createPasswordType',
    'password',
    'confirmPassword',
  ]),
  team: createRequest(
    { teamType: z.enum(['Group', 'Department', 'Division', 'BusinessUnit', 'Organization']) },
    [
      ...COMMON,
      'email',
      'externalId',
      'profile',
      'parents',
      'children',
      'users',
      'defaultRoles',
      'isJoinable',
      'policies',
    ],
  ),
  classification: createRequest({ description: markdown }, [
    ...COMMON,
    'provider',
    'mutuallyExclusive',
    'domain',
  ]),
  tag: createRequest({ description: markdown, classification: fullyQualifiedName }, [
    ...COMMON,
    'parent',
    'style',
    'associatedTags',
    'provider',
    'mutuallyExclusive',
  ]),
  glossary: createRequest({ description: markdown }, [
    ...COMMON,
    'reviewers',
    'provider',
    'mutuallyExclusive',
  ]),
  glossaryTerm: createRequest({ description: markdown, glossary: fullyQualifiedName }, [
    ...COMMON,
    'parent',
    'style',
    'synonyms',
    'relatedTerms',
    'references',
    'reviewers',
    'provider',
    'mutuallyExclusive',
  ]),
  dashboard: createRequest({ service: fullyQualifiedName }, [
    ...COMMON,
    'dashboardType',
    'sourceUrl',
    'project',
    'charts',
    'dataModels',
    'domain',
    'lifeCycle',
    'sourceHash',
  ]),
  pipeline: createRequest({ service: fullyQualifiedName }, [
    ...COMMON,
    'sourceUrl',
    'concurrency',
    'pipelineLocation',
    'startDate',
    'tasks',
    'state',
    'scheduleInterval',
    'lifeCycle',
    'sourceHash',
  ]),
  topic: createRequest({ service: fullyQualifiedName, partitions: z.number().int().min(1) }, [
    ...COMMON,
    'messageSchema',
    'cleanupPolicies',
    'replicationFactor',
    'retentionTime',
    'maximumMessageSize',
    'minimumInSyncReplicas',
    'retentionSize',
    'topicConfig',
    'sourceUrl',
    'lifeCycle',
    'sourceHash',
  ]),
});
