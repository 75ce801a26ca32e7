import type { Database, EntityList, Table } from '@meta/openmetadata';
import { SEED_NAMES } from '../mock/index.js';
import type { SessionStep } from './session-step.js';
import { resultOf } from './step-outcome.js';

/** The read-only catalog steps on `@meta/openmetadata`: version, lists with cursor paging, gets, and the 404s. */
export const catalogReadSteps: readonly SessionStep[] = [
  {
    id: 'server-version',
    title: 'Check the server: health and version',
    shows:
      'the first call has no token yet, so the client asks its token provider (the mock login, or --token)',
    code: ['const healthy = await om.health();', 'const { version } = await om.serverVersion();'].join('\n'),
    readOnly: true,
    act: async ({ om }) => ({ healthy: await om.health(), ...(await om.serverVersion()) }),
    expect: { status: 200, attempts: 1, tokenRefreshes: 1 },
    judge: (outcome) => {
      const result = resultOf<{ healthy: boolean; version: string }>(outcome);
      const surprises = result?.healthy === true && result.version ? [] : ['not healthy, or no version'];
      return { summary: `healthy: ${result?.healthy}, version ${result?.version}`, surprises };
    },
  },
  {
    id: 'list-databases',
    title: 'List databases',
    shows: 'one page of a typed list: `{ data: Database[], paging }`',
    code: 'const page = await om.databases.list({ limit: 10 });',
    readOnly: true,
    act: ({ om }) => om.databases.list({ limit: 10 }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state }) => {
      const page = resultOf<EntityList<Database>>(outcome);
      state.databaseName = page?.data[0]?.fullyQualifiedName;
      return {
        summary: `${page?.data.length} database(s), paging.total ${page?.paging.total}`,
        surprises: state.databaseName ? [] : ['the list had no database to read'],
      };
    },
  },
  {
    id: 'get-database-by-name',
    title: 'Get a database by fully qualified name',
    shows: '`fields` is a typed list of the entity’s field names, sent as `?fields=owners,tags`',
    code: "const database = await om.databases.getByName('mysql_prod.ecommerce', { fields: ['owners', 'tags'] });",
    readOnly: true,
    act: ({ om, state }) =>
      om.databases.getByName(state.databaseName ?? SEED_NAMES.database, { fields: ['owners', 'tags'] }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state, observer }) => {
      const database = resultOf<Database>(outcome);
      const path = observer.trace.requests[0]?.path ?? '';
      const surprises = [];
      if (database?.fullyQualifiedName !== state.databaseName)
        surprises.push('a different database came back');
      if (!path.includes('fields=owners%2Ctags')) surprises.push(`fields not sent as one list: ${path}`);
      return { summary: `${database?.fullyQualifiedName} (service ${database?.service.name})`, surprises };
    },
  },
  {
    id: 'list-tables-first-page',
    title: 'List tables, first page of two',
    shows: 'cursor paging: the first page carries `paging.after` and no `before`',
    code: "const page = await om.tables.list({ database: 'mysql_prod.ecommerce', limit: 2 });",
    readOnly: true,
    act: ({ om, state }) => om.tables.list({ database: state.databaseName, limit: 2 }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state, mock }) => {
      const page = resultOf<EntityList<Table>>(outcome);
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
    code: "await om.tables.list({ database: 'mysql_prod.ecommerce', limit: 2, after: page.paging.after });",
    readOnly: true,
    act: ({ om, state }) =>
      om.tables.list({ database: state.databaseName, limit: 2, after: state.afterCursor }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state, mock }) => {
      const page = resultOf<EntityList<Table>>(outcome);
      const surprises = [];
      if (state.afterCursor && page?.paging.before === undefined)
        surprises.push('the next page has no before cursor');
      if (mock && page?.paging.after !== undefined)
        surprises.push('the last page should have no after cursor');
      return { summary: `${page?.data.map((table) => table.name).join(', ')}`, surprises };
    },
  },
  {
    id: 'list-all-tables',
    title: 'Every table, page after page (listAll)',
    shows:
      '`listAll` is an async iterator: it follows `paging.after` until the last page, one request per page',
    code: [
      'const names = [];',
      "for await (const table of om.tables.listAll({ database: 'mysql_prod.ecommerce', pageSize: 2 })) names.push(table.name);",
    ].join('\n'),
    readOnly: true,
    act: async ({ om, state }) => {
      const names: string[] = [];
      for await (const table of om.tables.listAll({ database: state.databaseName, pageSize: 2 }))
        names.push(table.name);
      return names;
    },
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { observer, mock }) => {
      const names = resultOf<string[]>(outcome) ?? [];
      const pages = observer.trace.requests.length;
      const surprises =
        mock && (names.length !== 4 || pages !== 2) ? [`${names.length} tables in ${pages} pages`] : [];
      return { summary: `${names.join(', ')} (${pages} requests)`, surprises };
    },
  },
  {
    id: 'get-table-by-id',
    title: 'Get a table by id',
    shows: 'the result is typed as the generated `Table` (columns, references to schema, database, service)',
    code: "const table = await om.tables.getById(page.data[0].id, { fields: ['columns', 'tags'] });",
    readOnly: true,
    act: ({ om, state }) => om.tables.getById(state.tableId ?? '', { fields: ['columns', 'tags'] }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state }) => {
      const table = resultOf<Table>(outcome);
      return {
        summary: `${table?.columns.length} columns, version ${table?.version}`,
        surprises: table?.id === state.tableId ? [] : ['a different table came back'],
      };
    },
  },
  {
    id: 'get-table-by-name',
    title: 'Get a table by fully qualified name',
    shows: '`getByName` finds the same table by its FQN (percent-encoded in `/tables/name/{fqn}`)',
    code: "const table = await om.tables.getByName('mysql_prod.ecommerce.shop.customers', { fields: ['owners', 'tags'] });",
    readOnly: true,
    act: ({ om, state }) => om.tables.getByName(state.tableName ?? '', { fields: ['owners', 'tags'] }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome, { state }) => {
      const table = resultOf<Table>(outcome);
      return {
        summary: table?.fullyQualifiedName,
        surprises: table?.id === state.tableId ? [] : ['a different table came back'],
      };
    },
  },
  {
    id: 'get-table-validated',
    title: 'Get a table and check it against the schemas (validate: true)',
    shows: 'with `validate: true` the answer is checked against the vendored OpenMetadata JSON Schemas (ajv)',
    code: "await om.tables.getByName('mysql_prod.ecommerce.shop.customers', { validate: true });",
    readOnly: true,
    act: ({ om, state }) => om.tables.getByName(state.tableName ?? '', { validate: true }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => ({ summary: `valid: ${resultOf<Table>(outcome)?.fullyQualifiedName}` }),
  },
];
