import { isAPIError } from '@meta/errors';
import { SEED_NAMES } from '../mock/index.js';
import type { SessionStep } from './session-step.js';
import { errorOf, resultOf } from './step-outcome.js';

/** An id no entity has: the 404 step asks for it. */
export const MISSING_TABLE_ID = '00000000-0000-4000-8000-000000000000';

/** The two ways a 404 can end a read: the `APIError`, or `undefined` when the caller asks for it. */
export const catalogNotFoundSteps: readonly SessionStep[] = [
  {
    id: 'get-missing-table',
    title: 'Get a table that does not exist',
    shows: "OpenMetadata's `{code, message}` 404 becomes an APIError with that code and message",
    code: `await om.tables.getById('${MISSING_TABLE_ID}');`,
    readOnly: true,
    act: ({ om }) => om.tables.getById(MISSING_TABLE_ID),
    expect: { status: 404, error: 'APIError', attempts: 1 },
    judge: (outcome, { mock }) => {
      const error = errorOf(outcome);
      if (!isAPIError(error)) return {};
      const expected = `Entity with id [${MISSING_TABLE_ID}] not found.`;
      const surprises = [];
      if (error.code !== 404) surprises.push(`code is ${String(error.code)}, not 404`);
      if (mock && error.message !== expected) surprises.push(`message is "${error.message}"`);
      return { summary: `code ${String(error.code)}`, surprises };
    },
  },
  {
    id: 'get-missing-table-as-undefined',
    title: "Look a table up by name, with notFound: 'undefined'",
    shows: 'a 404 resolves `undefined` only when asked to; any other error still rejects',
    code: "const table = await om.tables.getByName('mysql_prod.ecommerce.shop.nope', { notFound: 'undefined' });",
    readOnly: true,
    act: ({ om, state }) =>
      om.tables.getByName(`${state.databaseName ?? SEED_NAMES.database}.shop.nope`, {
        notFound: 'undefined',
      }),
    expect: { status: 404, attempts: 1 },
    judge: (outcome) => ({
      summary: `resolved ${String(resultOf(outcome))}`,
      surprises: 'value' in outcome && outcome.value === undefined ? [] : ['did not resolve undefined'],
    }),
  },
];
