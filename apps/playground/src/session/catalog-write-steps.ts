import { isAPIError } from '@meta/errors';
import { SEED_NAMES } from '../mock/index.js';
import type { CreateTableRequest } from '../schemas/create-request-schemas.js';
import { databaseEntitySchema } from '../schemas/database-entity-schema.js';
import { tableEntitySchema } from '../schemas/table-entity-schema.js';
import type { SessionStep, StepJudgement, StepOutcome } from './session-step.js';

const NEW_TABLE: CreateTableRequest = {
  name: 'shipments',
  databaseSchema: SEED_NAMES.databaseSchema,
  description: 'One row per parcel handed to a carrier.',
  columns: [
    { name: 'shipment_id', dataType: 'BIGINT', constraint: 'PRIMARY_KEY' },
    { name: 'carrier', dataType: 'VARCHAR', dataLength: 64 },
    { name: 'shipped_at', dataType: 'TIMESTAMP' },
  ],
};

function rawValue<T>(outcome: StepOutcome): { status: number; data: T } | undefined {
  return 'value' in outcome ? (outcome.value as { status: number; data: T }) : undefined;
}

function expectAPIError(outcome: StepOutcome, code: number, messagePart: string): StepJudgement {
  const error = 'error' in outcome ? outcome.error : undefined;
  if (!isAPIError(error)) return {};
  const surprises = [];
  if (error.code !== code) surprises.push(`code is ${String(error.code)}, not ${code}`);
  if (!error.message.includes(messagePart))
    surprises.push(`message "${error.message}" lacks "${messagePart}"`);
  return { summary: `code ${String(error.code)}`, surprises };
}

function expectVersion(outcome: StepOutcome, version: number, status: number): StepJudgement {
  const raw = rawValue<{ version: number; description?: string }>(outcome);
  const surprises = [];
  if (raw?.status !== status) surprises.push(`status ${raw?.status}, not ${status}`);
  if (raw?.data.version !== version) surprises.push(`version ${raw?.data.version}, not ${version}`);
  return {
    summary: `version ${raw?.data.version}${raw?.data.description ? `, "${raw.data.description}"` : ''}`,
    surprises,
  };
}

/** Create, conflict, validation error, create-or-update, JSON patch and hard delete (mock only). */
export const catalogWriteSteps: readonly SessionStep[] = [
  {
    id: 'create-database',
    title: 'Create a database (POST)',
    shows: 'objects are sent as JSON (`Content-Type: application/json`); the server answers 201',
    readOnly: false,
    act: ({ client }) =>
      client.post(
        '/databases',
        { name: 'analytics', service: SEED_NAMES.service },
        { schema: databaseEntitySchema, rawData: true },
      ),
    expect: { status: 201, attempts: 1 },
    judge: (outcome) => expectVersion(outcome, 0.1, 201),
  },
  {
    id: 'create-database-conflict',
    title: 'Create the same database again',
    shows: 'a 409 is an APIError at once: POST is never replayed on a non-retryable status',
    readOnly: false,
    act: ({ client }) => client.post('/databases', { name: 'analytics', service: SEED_NAMES.service }),
    expect: { status: 409, error: 'APIError', attempts: 1 },
    judge: (outcome) => expectAPIError(outcome, 409, 'already exists'),
  },
  {
    id: 'create-table',
    title: 'Create a table (POST)',
    shows: 'a create request with columns; the created entity is validated by the table schema',
    readOnly: false,
    act: ({ client }) => client.post('/tables', NEW_TABLE, { schema: tableEntitySchema, rawData: true }),
    expect: { status: 201, attempts: 1 },
    judge: (outcome, { state }) => {
      state.createdTableId = rawValue<{ id: string }>(outcome)?.data.id;
      return expectVersion(outcome, 0.1, 201);
    },
  },
  {
    id: 'create-table-invalid',
    title: 'Create a table without columns',
    shows: "the server's 400 validation message reaches the caller as APIError.message",
    readOnly: false,
    act: ({ client }) =>
      client.post('/tables', { name: 'broken', databaseSchema: SEED_NAMES.databaseSchema }),
    expect: { status: 400, error: 'APIError', attempts: 1 },
    judge: (outcome) => expectAPIError(outcome, 400, 'columns must not be null'),
  },
  {
    id: 'upsert-table',
    title: 'Create or update the table (PUT)',
    shows: 'PUT with an existing name updates it: 200 and the version moves from 0.1 to 0.2',
    readOnly: false,
    act: ({ client }) =>
      client.put(
        '/tables',
        { ...NEW_TABLE, description: 'Parcels handed to carriers.' },
        { schema: tableEntitySchema, rawData: true },
      ),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => expectVersion(outcome, 0.2, 200),
  },
  {
    id: 'patch-table',
    title: 'Patch the table (JSON patch)',
    shows: 'PATCH sends `application/json-patch+json` by default, as OpenMetadata requires',
    readOnly: false,
    act: ({ client, state }) =>
      client.patch(
        `/tables/${state.createdTableId}`,
        [{ op: 'add', path: '/displayName', value: 'Shipments' }],
        { schema: tableEntitySchema, rawData: true },
      ),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { observer }) => {
      const judgement = expectVersion(outcome, 0.3, 200);
      const contentType = observer.trace.requests[0]?.contentType;
      if (contentType === 'application/json-patch+json') return judgement;
      return {
        ...judgement,
        surprises: [...(judgement.surprises ?? []), `sent Content-Type ${contentType}`],
      };
    },
  },
  {
    id: 'hard-delete-table',
    title: 'Delete the table for good (hardDelete=true)',
    shows: 'a query in the path is kept; DELETE returns the deleted entity',
    readOnly: false,
    act: ({ client, state }) =>
      client.delete(`/tables/${state.createdTableId}?hardDelete=true&recursive=false`, undefined, {
        schema: tableEntitySchema,
      }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => {
      const table = 'value' in outcome ? (outcome.value as { deleted?: boolean }) : undefined;
      return {
        summary: `deleted: ${table?.deleted}`,
        surprises: table?.deleted === true ? [] : ['the entity is not marked deleted'],
      };
    },
  },
  {
    id: 'deleted-table-is-gone',
    title: 'Get the deleted table',
    shows: 'after a hard delete the id is a 404, even with include=all',
    readOnly: false,
    act: ({ client, state }) => client.get(`/tables/${state.createdTableId}`, { include: 'all' }),
    expect: { status: 404, error: 'APIError', attempts: 1 },
    judge: (outcome, { state }) => expectAPIError(outcome, 404, `[${state.createdTableId}]`),
  },
];
