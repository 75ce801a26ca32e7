import { isAPIError, isResponseParseError, isTimeoutError } from '@meta/errors';
import {
  gatewayTimeout,
  htmlErrorPage,
  redirectTo,
  SEED_IDS,
  SEED_NAMES,
  serviceUnavailable,
  slowResponse,
  tooManyRequests,
} from '../mock/index.js';
import { tableEntitySchema } from '../schemas/table-entity-schema.js';
import type { SessionStep, StepOutcome } from './session-step.js';

/** The per-call deadline of the slow step; the mock holds the response 300 times longer. */
export const SLOW_STEP_TIMEOUT_MS = 200;
const LEGACY_PATH = '/api/v1/tables/name/mysql_prod.ecommerce.shop.orders_legacy';

function errorOf(outcome: StepOutcome): unknown {
  return 'error' in outcome ? outcome.error : undefined;
}

function tableName(outcome: StepOutcome): string | undefined {
  return 'value' in outcome
    ? (outcome.value as { fullyQualifiedName?: string }).fullyQualifiedName
    : undefined;
}

/** Scripted trouble: what the client does about 429, 503, 504, 401, 3xx, a slow server and a proxy's HTML page. */
export const troubleSteps: readonly SessionStep[] = [
  {
    id: 'rate-limited',
    title: 'List tables while rate limited (429, Retry-After: 1)',
    shows: "the client sleeps the server's Retry-After (1000 ms), not its own backoff, then succeeds",
    code: "await client.get('/tables', { limit: 1 });",
    readOnly: false,
    arrange: (mock) => mock.trouble.arm('GET', '/api/v1/tables', tooManyRequests('1')),
    act: ({ client }) => client.get('/tables', { limit: 1 }),
    expect: { status: 200, attempts: 2, retryDelaysMs: [1000] },
  },
  {
    id: 'flaky-503',
    title: 'Get a table through a 503 flake',
    shows: 'a retry code without Retry-After waits retryWait × attempt (0.05 s × 1)',
    code: `await client.get(\`/tables/\${ordersId}\`, undefined, { schema: tableEntitySchema });`,
    readOnly: false,
    arrange: (mock) =>
      mock.trouble.arm('GET', `/api/v1/tables/${SEED_IDS.tables.orders}`, serviceUnavailable()),
    act: ({ client }) =>
      client.get(`/tables/${SEED_IDS.tables.orders}`, undefined, { schema: tableEntitySchema }),
    expect: { status: 200, attempts: 2, retryDelaysMs: [50] },
  },
  {
    id: 'post-not-replayed-on-504',
    title: 'Create a schema behind a gateway timeout (504)',
    shows: 'POST is not idempotent: a 504 is not replayed (it may have been applied), unlike Python',
    code: "await client.post('/databaseSchemas', { name: 'staging', database: 'mysql_prod.analytics' });",
    readOnly: false,
    arrange: (mock) => mock.trouble.arm('POST', '/api/v1/databaseSchemas', gatewayTimeout()),
    act: ({ client }) =>
      client.post('/databaseSchemas', { name: 'staging', database: 'mysql_prod.analytics' }),
    expect: { status: 504, error: 'APIError', attempts: 1, retryDelaysMs: [] },
  },
  {
    id: 'expired-token',
    title: 'Read after the server expired every token (401)',
    shows: 'a 401 forces one token refresh and one replay of the same attempt',
    code: "await client.get('/tables/name/mysql_prod.ecommerce.shop.customers', undefined, { schema: tableEntitySchema });",
    readOnly: false,
    arrange: (mock) => mock.tokens.expireAll(),
    act: ({ client }) =>
      client.get(`/tables/name/${SEED_NAMES.table('customers')}`, undefined, { schema: tableEntitySchema }),
    expect: { status: 200, attempts: 1, tokenRefreshes: 1 },
    judge: (_outcome, { observer }) => {
      const statuses = observer.trace.statuses.join(' then ');
      return {
        summary: `statuses ${statuses}`,
        surprises: statuses === '401 then 200' ? [] : [`saw ${statuses}`],
      };
    },
  },
  {
    id: 'redirect-refused',
    title: 'Get a moved table with redirects off (the default)',
    shows: 'a 3xx is an APIError carrying the Location (Python returned the empty body as data)',
    code: "await client.get('/tables/name/mysql_prod.ecommerce.shop.orders_legacy');",
    readOnly: false,
    arrange: (mock) =>
      mock.trouble.arm('GET', LEGACY_PATH, redirectTo(`/api/v1/tables/name/${SEED_NAMES.table('orders')}`)),
    act: ({ client }) => client.get('/tables/name/mysql_prod.ecommerce.shop.orders_legacy'),
    expect: { status: 301, error: 'APIError', attempts: 1 },
    judge: (outcome) => {
      const error = errorOf(outcome);
      const location = isAPIError(error) ? error.location : undefined;
      return {
        summary: `location ${location}`,
        surprises: location?.endsWith('.orders') ? [] : ['no Location on the error'],
      };
    },
  },
  {
    id: 'redirect-followed',
    title: 'Get the moved table with allowRedirects: true',
    shows: 'the client follows the same-origin 301 itself (transports never do) and keeps the token',
    code: "await followClient.get('/tables/name/mysql_prod.ecommerce.shop.orders_legacy', undefined, { schema: tableEntitySchema });",
    readOnly: false,
    arrange: (mock) =>
      mock.trouble.arm('GET', LEGACY_PATH, redirectTo(`/api/v1/tables/name/${SEED_NAMES.table('orders')}`)),
    act: ({ followClient }) =>
      followClient.get('/tables/name/mysql_prod.ecommerce.shop.orders_legacy', undefined, {
        schema: tableEntitySchema,
      }),
    // The second client logs in on its first call: one token refresh is part of this step.
    expect: { status: 200, attempts: 1, redirectsFollowed: 1, tokenRefreshes: 1 },
    judge: (outcome, { observer }) => {
      const hop = observer.trace.requests[observer.trace.requests.length - 1];
      const surprises = [];
      if (tableName(outcome) !== SEED_NAMES.table('orders'))
        surprises.push('the redirect target was not read');
      if (!hop?.authorization?.startsWith('Bearer ')) surprises.push('the same-origin hop lost its token');
      return { summary: `read ${tableName(outcome)}`, surprises };
    },
  },
  {
    id: 'slow-endpoint',
    title: `Get a table from a slow server (timeoutMs: ${SLOW_STEP_TIMEOUT_MS})`,
    shows: 'each attempt has a deadline; GET is idempotent, so timeouts are retried, then TimeoutError',
    code: `await client.get(\`/tables/\${paymentsId}\`, undefined, { timeoutMs: 200 });`,
    readOnly: false,
    arrange: (mock) =>
      mock.trouble.arm('GET', `/api/v1/tables/${SEED_IDS.tables.payments}`, slowResponse(60_000), {
        times: 4,
      }),
    act: ({ client }) =>
      client.get(`/tables/${SEED_IDS.tables.payments}`, undefined, { timeoutMs: SLOW_STEP_TIMEOUT_MS }),
    expect: { error: 'TimeoutError', attempts: 4, retryDelaysMs: [50, 100, 150] },
    judge: (outcome) => {
      const error = errorOf(outcome);
      return { summary: isTimeoutError(error) ? `phase ${error.phase}` : undefined };
    },
  },
  {
    id: 'html-error-page',
    title: "List databases through a proxy's HTML error page (502)",
    shows: 'a non-JSON error body still gives an APIError with a readable message and a bounded snippet',
    code: "await client.get('/databases');",
    readOnly: false,
    arrange: (mock) => mock.trouble.arm('GET', '/api/v1/databases', htmlErrorPage()),
    act: ({ client }) => client.get('/databases'),
    expect: { status: 502, error: 'APIError', attempts: 1 },
    judge: (outcome) => {
      const error = errorOf(outcome);
      if (!isAPIError(error)) return {};
      const body = error.response?.body;
      const surprises = [];
      if (!error.message.startsWith('502 Bad Gateway for GET')) surprises.push(`message "${error.message}"`);
      if (typeof body !== 'string' || !body.includes('nginx')) surprises.push('the HTML snippet is missing');
      return { summary: `code ${String(error.code)}`, surprises };
    },
  },
  {
    id: 'schema-mismatch',
    title: 'Read a database with the table schema',
    shows: 'a per-call zod schema that does not match is a ResponseParseError carrying the zod issues',
    code: "await client.get('/databases/name/mysql_prod.ecommerce', undefined, { schema: tableEntitySchema });",
    readOnly: true,
    act: ({ client, state }) =>
      client.get(
        `/databases/name/${encodeURIComponent(state.databaseName ?? SEED_NAMES.database)}`,
        undefined,
        {
          schema: tableEntitySchema,
        },
      ),
    expect: { status: 200, error: 'ResponseParseError', attempts: 1 },
    judge: (outcome) => {
      const error = errorOf(outcome);
      if (!isResponseParseError(error)) return {};
      const paths = (error.issues ?? []).map((issue) => issue.path?.map(String).join('.')).join(', ');
      return {
        summary: `issues at: ${paths}`,
        surprises: paths.includes('columns') ? [] : ['no issue about columns'],
      };
    },
  },
  {
    id: 'closed-client',
    title: 'Call after close()',
    shows: 'a closed client refuses new calls at once with ClientClosedError; nothing is sent',
    code: `await client.close();
await client.get('/databases');`,
    readOnly: true,
    act: async ({ client }) => {
      await client.close();
      return client.get('/databases');
    },
    expect: { error: 'ClientClosedError', attempts: 0 },
  },
];
