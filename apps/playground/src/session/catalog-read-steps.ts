import { isAPIError } from '@meta/errors';
import { SEED_NAMES } from '../mock/index.js';
import { databaseEntitySchema } from '../schemas/database-entity-schema.js';
import { entityListSchema } from '../schemas/entity-list-schema.js';
import { tableEntitySchema } from '../schemas/table-entity-schema.js';
import type { SessionStep, StepOutcome } from './session-step.js';

const databaseList = entityListSchema(databaseEntitySchema);
const tableList = entityListSchema(tableEntitySchema);

/** An id no entity has: the 404 step asks for it. */
export const MISSING_TABLE_ID = '00000000-0000-4000-8000-000000000000';

function resultOf<T>(outcome: StepOutcome): T | undefined {
  return 'value' in outcome ? (outcome.value as T) : undefined;
}

/** The read-only steps: lists with cursor paging, gets by id and by name, and the `{code, message}` 404. */
export const catalogReadSteps: readonly SessionStep[] = [
  {
    id: 'list-databases',
    title: 'List databases',
    shows: 'the first call has no token yet, so the client asks the token provider (login) before sending',
    readOnly: true,
    act: ({ client }) => client.get('/databases', { limit: 10 }, { schema: databaseList }),
    expect: { status: 200, attempts: 1, tokenRefreshes: 1 },
    judge: (outcome, { state }) => {
      const page = resultOf<{ data: Array<{ fullyQualifiedName: string }>; paging: { total: number } }>(
        outcome,
      );
      state.databaseName = page?.data[0]?.fullyQualifiedName;
      return {
        summary: `${page?.data.length} database(s), paging.total ${page?.paging.total}`,
        surprises: state.databaseName ? [] : ['the list had no database to read'],
      };
    },
  },
  {
    id: 'get-database-by-name',
    title: 'Get a database by fully qualified name (rawData)',
    shows: '`rawData: true` returns status, lowercase headers and the zod-validated data together',
    readOnly: true,
    act: ({ client, state }) =>
      client.get(
        `/databases/name/${encodeURIComponent(state.databaseName ?? SEED_NAMES.database)}`,
        undefined,
        {
          schema: databaseEntitySchema,
          rawData: true,
        },
      ),
    expect: { status: 200, attempts: 1, tokenRefreshes: 0 },
    judge: (outcome, { state }) => {
      const raw = resultOf<{
        status: number;
        headers: Record<string, string>;
        data: { fullyQualifiedName: string };
      }>(outcome);
      const surprises = [];
      if (raw?.data.fullyQualifiedName !== state.databaseName)
        surprises.push('a different database came back');
      if (!raw?.headers['content-type']?.includes('json'))
        surprises.push('rawData headers lack a JSON content-type');
      return { summary: `status ${raw?.status}, content-type ${raw?.headers['content-type']}`, surprises };
    },
  },
  {
    id: 'list-tables-first-page',
    title: 'List tables, first page of two',
    shows: 'cursor paging: the first page carries `paging.after` and no `before`',
    readOnly: true,
    act: ({ client, state }) =>
      client.get('/tables', { limit: 2, database: state.databaseName }, { schema: tableList }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state, mock }) => {
      const page = resultOf<{
        data: Array<{ id: string; fullyQualifiedName: string }>;
        paging: { after?: string; before?: string; total: number };
      }>(outcome);
      state.afterCursor = page?.paging.after;
      state.tableId = page?.data[0]?.id;
      state.tableName = page?.data[0]?.fullyQualifiedName;
      const surprises = [];
      if (!state.tableId) surprises.push('the list had no table to read');
      if (page?.paging.before !== undefined) surprises.push('the first page has a before cursor');
      if (mock && (page?.data.length !== 2 || !state.afterCursor))
        surprises.push('expected 2 tables and an after cursor');
      return {
        summary: `${page?.data.length} tables of ${page?.paging.total}, after=${state.afterCursor ? 'set' : 'none'}`,
        surprises,
      };
    },
  },
  {
    id: 'list-tables-next-page',
    title: 'List tables, next page (after cursor)',
    shows: 'following `paging.after` returns the next page, which carries `paging.before`',
    readOnly: true,
    act: ({ client, state }) =>
      client.get(
        '/tables',
        { limit: 2, database: state.databaseName, after: state.afterCursor },
        { schema: tableList },
      ),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state, mock }) => {
      const page = resultOf<{ data: Array<{ name: string }>; paging: { after?: string; before?: string } }>(
        outcome,
      );
      const surprises = [];
      if (state.afterCursor && page?.paging.before === undefined)
        surprises.push('the next page has no before cursor');
      if (mock && page?.paging.after !== undefined)
        surprises.push('the last page should have no after cursor');
      return { summary: `${page?.data.map((table) => table.name).join(', ')}`, surprises };
    },
  },
  {
    id: 'get-table-by-id',
    title: 'Get a table by id',
    shows: 'a per-call zod schema validates and types the result',
    readOnly: true,
    act: ({ client, state }) =>
      client.get(`/tables/${state.tableId}`, undefined, { schema: tableEntitySchema }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state }) => {
      const table = resultOf<{ id: string; columns: unknown[]; version: number }>(outcome);
      return {
        summary: `${table?.columns.length} columns, version ${table?.version}`,
        surprises: table?.id === state.tableId ? [] : ['a different table came back'],
      };
    },
  },
  {
    id: 'get-table-by-name',
    title: 'Get a table by fully qualified name',
    shows: '`/tables/name/{fqn}` finds the same table by name',
    readOnly: true,
    act: ({ client, state }) =>
      client.get(`/tables/name/${encodeURIComponent(state.tableName ?? '')}`, undefined, {
        schema: tableEntitySchema,
      }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state }) => {
      const table = resultOf<{ id: string; fullyQualifiedName: string }>(outcome);
      return {
        summary: table?.fullyQualifiedName,
        surprises: table?.id === state.tableId ? [] : ['a different table came back'],
      };
    },
  },
  {
    id: 'get-missing-table',
    title: 'Get a table that does not exist',
    shows: "OpenMetadata's `{code, message}` 404 becomes an APIError with that code and message",
    readOnly: true,
    act: ({ client }) => client.get(`/tables/${MISSING_TABLE_ID}`),
    expect: { status: 404, error: 'APIError', attempts: 1 },
    judge: (outcome, { mock }) => {
      const error = 'error' in outcome ? outcome.error : undefined;
      if (!isAPIError(error)) return {};
      const expected = `Entity with id [${MISSING_TABLE_ID}] not found.`;
      const surprises = [];
      if (error.code !== 404) surprises.push(`code is ${String(error.code)}, not 404`);
      if (mock && error.message !== expected) surprises.push(`message is "${error.message}"`);
      return { summary: `code ${String(error.code)}`, surprises };
    },
  },
];
