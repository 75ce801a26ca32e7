import type { CreateTable, Database, Table } from '@meta/openmetadata';
import { SEED_NAMES } from '../mock/index.js';
import type { SessionStep } from './session-step.js';
import { expectAPIError, expectVersion, resultOf } from './step-outcome.js';

const NEW_TABLE: CreateTable = {
  name: 'shipments',
  databaseSchema: SEED_NAMES.databaseSchema,
  description: 'One row per parcel handed to a carrier.',
  columns: [
    { name: 'shipment_id', dataType: 'BIGINT', constraint: 'PRIMARY_KEY' },
    { name: 'carrier', dataType: 'VARCHAR', dataLength: 64 },
    { name: 'shipped_at', dataType: 'TIMESTAMP' },
  ],
};

/** Create, conflict, validation error, create-or-update and the two ways to patch (mock only). */
export const catalogWriteSteps: readonly SessionStep[] = [
  {
    id: 'create-database',
    title: 'Create a database (POST)',
    shows:
      'a typed create request is sent as JSON; the server answers 201 with the new entity at version 0.1',
    code: "const database = await om.databases.create({ name: 'analytics', service: 'mysql_prod' });",
    readOnly: false,
    act: ({ om }) => om.databases.create({ name: 'analytics', service: SEED_NAMES.service }),
    expect: { status: 201, attempts: 1 },
    judge: (outcome, { state }) => {
      const database = resultOf<Database>(outcome);
      state.createdDatabaseId = database?.id;
      return {
        summary: `${database?.fullyQualifiedName}, version ${database?.version}`,
        surprises: expectVersion(database, 0.1),
      };
    },
  },
  {
    id: 'create-database-conflict',
    title: 'Create the same database again',
    shows: 'a 409 is an APIError at once: POST is never replayed on a non-retryable status',
    code: "await om.databases.create({ name: 'analytics', service: 'mysql_prod' });",
    readOnly: false,
    act: ({ om }) => om.databases.create({ name: 'analytics', service: SEED_NAMES.service }),
    expect: { status: 409, error: 'APIError', attempts: 1 },
    judge: (outcome) => expectAPIError(outcome, 409, 'already exists'),
  },
  {
    id: 'patch-database',
    title: 'Patch the database (JSON patch)',
    shows: 'the same `patch` on another kind: one `add` operation moves the database from 0.1 to 0.2',
    code: "await om.databases.patch(database.id, [{ op: 'add', path: '/description', value: 'Reporting copies.' }]);",
    readOnly: false,
    act: ({ om, state }) =>
      om.databases.patch(state.createdDatabaseId ?? '', [
        { op: 'add', path: '/description', value: 'Reporting copies.' },
      ]),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => {
      const database = resultOf<Database>(outcome);
      const surprises = expectVersion(database, 0.2);
      if (database?.description !== 'Reporting copies.') surprises.push('description not patched');
      return { summary: `"${database?.description}", version ${database?.version}`, surprises };
    },
  },
  {
    id: 'create-table',
    title: 'Create a table (POST)',
    shows: 'a create request with columns; the answer is typed as `Table`',
    code: [
      'const table = await om.tables.create({',
      "  name: 'shipments', databaseSchema: 'mysql_prod.ecommerce.shop',",
      "  columns: [{ name: 'shipment_id', dataType: 'BIGINT', constraint: 'PRIMARY_KEY' }, ...],",
      '});',
    ].join('\n'),
    readOnly: false,
    act: ({ om }) => om.tables.create(NEW_TABLE),
    expect: { status: 201, attempts: 1 },
    judge: (outcome, { state }) => {
      const table = resultOf<Table>(outcome);
      state.createdTableId = table?.id;
      return {
        summary: `${table?.fullyQualifiedName}, ${table?.columns.length} columns`,
        surprises: expectVersion(table, 0.1),
      };
    },
  },
  {
    id: 'create-table-invalid',
    title: 'Create a table without columns',
    shows: "the server's 400 validation message reaches the caller as APIError.message",
    code: "await om.tables.create({ name: 'broken', databaseSchema: 'mysql_prod.ecommerce.shop' } as CreateTable);",
    readOnly: false,
    act: ({ om }) =>
      om.tables.create({ name: 'broken', databaseSchema: SEED_NAMES.databaseSchema } as CreateTable),
    expect: { status: 400, error: 'APIError', attempts: 1 },
    judge: (outcome) => expectAPIError(outcome, 400, 'columns must not be null'),
  },
  {
    id: 'upsert-table',
    title: 'Create or update the table (PUT)',
    shows: 'createOrUpdate with an existing name updates it: 200, and the version moves from 0.1 to 0.2',
    code: "await om.tables.createOrUpdate({ ...shipments, description: 'Parcels handed to carriers.' });",
    readOnly: false,
    act: ({ om }) => om.tables.createOrUpdate({ ...NEW_TABLE, description: 'Parcels handed to carriers.' }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => {
      const table = resultOf<Table>(outcome);
      return {
        summary: `version ${table?.version}, "${table?.description}"`,
        surprises: expectVersion(table, 0.2),
      };
    },
  },
  {
    id: 'patch-table',
    title: 'Patch the table (JSON patch)',
    shows: 'PATCH sends RFC 6902 operations as `application/json-patch+json`, as OpenMetadata requires',
    code: "await om.tables.patch(table.id, [{ op: 'add', path: '/displayName', value: 'Shipments' }]);",
    readOnly: false,
    act: ({ om, state }) =>
      om.tables.patch(state.createdTableId ?? '', [{ op: 'add', path: '/displayName', value: 'Shipments' }]),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { observer }) => {
      const table = resultOf<Table>(outcome);
      const contentType = observer.trace.requests[0]?.contentType;
      const surprises = expectVersion(table, 0.3);
      if (contentType !== 'application/json-patch+json') surprises.push(`sent Content-Type ${contentType}`);
      return { summary: `displayName "${table?.displayName}", version ${table?.version}`, surprises };
    },
  },
  {
    id: 'patch-from-edited-copy',
    title: 'Patch from an edited copy (patchFrom)',
    shows:
      'patchFrom diffs the entity you read against your edited copy and sends only the operations needed',
    code: [
      'const before = await om.tables.getById(table.id);',
      "await om.tables.patchFrom(before, { ...before, description: 'Parcels, one row each.' });",
    ].join('\n'),
    readOnly: false,
    act: async ({ om, state }) => {
      const before = await om.tables.getById(state.createdTableId ?? '');
      return om.tables.patchFrom(before, { ...before, description: 'Parcels, one row each.' });
    },
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { observer }) => {
      const table = resultOf<Table>(outcome);
      const methods = observer.trace.requests.map((request) => request.method).join(' then ');
      const surprises = expectVersion(table, 0.4);
      if (methods !== 'GET then PATCH') surprises.push(`sent ${methods}`);
      return { summary: `${methods}; "${table?.description}", version ${table?.version}`, surprises };
    },
  },
];
