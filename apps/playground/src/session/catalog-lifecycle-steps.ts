import type { Database, EntityHistory, Glossary, GlossaryTerm, Table } from '@meta/openmetadata';
import type { SessionStep } from './session-step.js';
import { expectAPIError, expectVersion, resultOf } from './step-outcome.js';

/** Soft delete, restore and versions of the created table; a glossary that needs a recursive delete (mock only). */
export const catalogLifecycleSteps: readonly SessionStep[] = [
  {
    id: 'soft-delete-table',
    title: 'Soft-delete the table',
    shows: 'delete without flags is a soft delete: the entity is hidden, not gone',
    code: 'await om.tables.delete(table.id);',
    readOnly: false,
    act: ({ om, state }) => om.tables.delete(state.createdTableId ?? ''),
    expect: { status: 200, attempts: 1 },
  },
  {
    id: 'read-soft-deleted-table',
    title: "Read the soft-deleted table with include: 'deleted'",
    shows: 'a soft-deleted entity is still there for `include: deleted` (and a 404 without it)',
    code: "const deleted = await om.tables.getById(table.id, { include: 'deleted' });",
    readOnly: false,
    act: ({ om, state }) => om.tables.getById(state.createdTableId ?? '', { include: 'deleted' }),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => {
      const table = resultOf<Table>(outcome);
      return {
        summary: `deleted: ${table?.deleted}`,
        surprises: table?.deleted === true ? [] : ['not marked deleted'],
      };
    },
  },
  {
    id: 'restore-table',
    title: 'Restore the table',
    shows: 'restore is `PUT /tables/restore` with `{ id }`; the entity comes back at the next version',
    code: 'const restored = await om.tables.restore(table.id);',
    readOnly: false,
    act: ({ om, state }) => om.tables.restore(state.createdTableId ?? ''),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => {
      const table = resultOf<Table>(outcome);
      const surprises = expectVersion(table, 0.6);
      if (table?.deleted !== false) surprises.push('still marked deleted');
      return { summary: `deleted: ${table?.deleted}, version ${table?.version}`, surprises };
    },
  },
  {
    id: 'table-versions',
    title: 'List the versions of the table',
    shows: '`versions` returns `{ entityType, versions }`, newest first, each version as JSON text',
    code: 'const history = await om.tables.versions(table.id);',
    readOnly: false,
    act: ({ om, state }) => om.tables.versions(state.createdTableId ?? ''),
    expect: { status: 200, attempts: 1 },
    judge: (outcome) => {
      const history = resultOf<EntityHistory>(outcome);
      const versions = (history?.versions ?? []).map(
        (version) => (JSON.parse(String(version)) as Table).version,
      );
      const expected = '0.6, 0.5, 0.4, 0.3, 0.2, 0.1';
      return {
        summary: `${history?.entityType}: ${versions.join(', ')}`,
        surprises:
          versions.join(', ') === expected ? [] : [`versions ${versions.join(', ')}, not ${expected}`],
      };
    },
  },
  {
    id: 'create-glossary-and-term',
    title: 'Create a glossary and a term in it',
    shows:
      'the same calls on other kinds: a term names its glossary by FQN and gets the FQN `Finance.Margin`',
    code: [
      "const glossary = await om.glossaries.create({ name: 'Finance', description: 'Accounting terms.' });",
      "await om.glossaryTerms.create({ glossary: 'Finance', name: 'Margin', description: 'Revenue minus costs.' });",
    ].join('\n'),
    readOnly: false,
    act: async ({ om, state }) => {
      const glossary: Glossary = await om.glossaries.create({
        name: 'Finance',
        description: 'Accounting terms.',
      });
      state.glossaryId = glossary.id;
      return om.glossaryTerms.create({
        glossary: 'Finance',
        name: 'Margin',
        description: 'Revenue minus costs.',
      });
    },
    expect: { status: 201, attempts: 1 },
    judge: (outcome) => {
      const term = resultOf<GlossaryTerm>(outcome);
      const name = term?.fullyQualifiedName;
      return {
        summary: `${name} in ${term?.glossary.name}`,
        surprises: name === 'Finance.Margin' ? [] : [`FQN ${name}`],
      };
    },
  },
  {
    id: 'delete-glossary-not-empty',
    title: 'Delete the glossary without recursive',
    shows: 'an entity with children is not deleted unless `recursive: true`: a 400 APIError',
    code: 'await om.glossaries.delete(glossary.id);',
    readOnly: false,
    act: ({ om, state }) => om.glossaries.delete(state.glossaryId ?? ''),
    expect: { status: 400, error: 'APIError', attempts: 1 },
    judge: (outcome) => expectAPIError(outcome, 400, 'is not empty'),
  },
  {
    id: 'delete-glossary-recursive',
    title: 'Delete the glossary and its terms for good',
    shows: '`hardDelete` and `recursive` are sent as query flags: `?hardDelete=true&recursive=true`',
    code: 'await om.glossaries.delete(glossary.id, { hardDelete: true, recursive: true });',
    readOnly: false,
    act: ({ om, state }) =>
      om.glossaries.delete(state.glossaryId ?? '', { hardDelete: true, recursive: true }),
    expect: { status: 200, attempts: 1 },
    judge: (_outcome, { observer }) => {
      const path = observer.trace.requests[0]?.path ?? '';
      return {
        summary: `DELETE ${path}`,
        surprises:
          path.includes('hardDelete=true') && path.includes('recursive=true') ? [] : [`path ${path}`],
      };
    },
  },
];

/**
 * The end of the created table and database: hard deletes, then a 404 even with `include: 'all'` (run after the
 * trouble steps).
 */
export const catalogHardDeleteSteps: readonly SessionStep[] = [
  {
    id: 'hard-delete-table',
    title: 'Delete the table for good (hardDelete: true)',
    shows: 'a hard delete removes the entity and its history',
    code: 'await om.tables.delete(table.id, { hardDelete: true });',
    readOnly: false,
    act: ({ om, state }) => om.tables.delete(state.createdTableId ?? '', { hardDelete: true }),
    expect: { status: 200, attempts: 1 },
  },
  {
    id: 'deleted-table-is-gone',
    title: 'Get the hard-deleted table',
    shows: "after a hard delete the id is a 404, even with include: 'all'",
    code: "await om.tables.getById(table.id, { include: 'all' });",
    readOnly: false,
    act: ({ om, state }) => om.tables.getById(state.createdTableId ?? '', { include: 'all' }),
    expect: { status: 404, error: 'APIError', attempts: 1 },
    judge: (outcome, { state }) => expectAPIError(outcome, 404, `[${state.createdTableId}]`),
  },
  {
    id: 'delete-database',
    title: 'Delete the created database for good',
    shows: 'DELETE on a database: `hardDelete` and `recursive` as query flags, then its id is a 404',
    code: [
      'await om.databases.delete(database.id, { hardDelete: true, recursive: true });',
      "await om.databases.getById(database.id, { include: 'all', notFound: 'undefined' }); // undefined",
    ].join('\n'),
    readOnly: false,
    act: async ({ om, state }) => {
      await om.databases.delete(state.createdDatabaseId ?? '', { hardDelete: true, recursive: true });
      return om.databases.getById(state.createdDatabaseId ?? '', { include: 'all', notFound: 'undefined' });
    },
    expect: { status: 404, attempts: 1 },
    judge: (outcome, { observer }) => {
      const [deletion] = observer.trace.requests;
      const surprises = resultOf<Database>(outcome) === undefined ? [] : ['the database is still there'];
      if (deletion?.method !== 'DELETE' || !deletion.path.includes('hardDelete=true&recursive=true'))
        surprises.push(`sent ${deletion?.method} ${deletion?.path}`);
      return { summary: `${deletion?.method} ${deletion?.path}, then 404 -> undefined`, surprises };
    },
  },
];
