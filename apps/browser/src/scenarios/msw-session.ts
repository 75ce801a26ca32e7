import {
  base64OfText,
  createMockApi,
  type LoginResponse,
  MOCK_CREDENTIALS,
  SEED_IDS,
  SEED_NAMES,
} from '@meta/playground/mock';
import { REST } from '@meta/rest';
import { setupWorker } from 'msw/browser';
import { describeError, rejectionOf } from './describe-error.js';

interface EntityPage {
  readonly data: ReadonlyArray<{ readonly name: string }>;
  readonly paging: { readonly after?: string };
}

interface Entity {
  readonly id: string;
  readonly name: string;
  readonly fullyQualifiedName: string;
}

/** A table the mock accepts: a name, its schema's FQN and at least one column. */
const NEW_TABLE = {
  name: 'page_views',
  databaseSchema: SEED_NAMES.databaseSchema,
  columns: [{ name: 'view_id', dataType: 'BIGINT' }],
};

/**
 * Start MSW's service worker with the playground's handlers, then run a short session of REST calls (default
 * fetch transport) against them: log in, list with cursors, get by name, create, and a typed 404. Nothing leaves
 * the page: the mock origin does not resolve, so every answer came from the worker.
 */
export async function runMswSession(workerUrl: string) {
  const mock = createMockApi();
  const worker = setupWorker(...mock.handlers);
  let mocked = 0;
  const unhandled: string[] = [];
  worker.events.on('response:mocked', () => {
    mocked += 1;
  });
  worker.events.on('request:unhandled', ({ request }) => {
    unhandled.push(`${request.method} ${request.url}`);
  });
  await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: true });
  const baseUrl = `${mock.origin}/api`;
  const login = new REST({ baseUrl });
  let logins = 0;
  const client = new REST({
    baseUrl,
    authToken: async () => {
      logins += 1;
      const { email, password } = MOCK_CREDENTIALS;
      const issued = await login.post<LoginResponse>('/users/login', {
        email,
        password: base64OfText(password),
      });
      return [issued.accessToken, new Date(issued.expiryDuration)];
    },
  });
  try {
    const listed: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await client.get<EntityPage>('/tables', { limit: 2, after });
      listed.push(...page.data.map((table) => table.name));
      after = page.paging.after;
      pages += 1;
    } while (after !== undefined && pages < 20);
    const orders = await client.get<Entity>(`/tables/name/${SEED_NAMES.table('orders')}`);
    const created = await client.post<Entity>('/tables', NEW_TABLE);
    const missing = await rejectionOf(() => client.get(`/tables/name/${SEED_NAMES.databaseSchema}.missing`));
    return {
      controlled: navigator.serviceWorker.controller !== null,
      listed,
      pages,
      orders: { id: orders.id, expectedId: SEED_IDS.tables.orders },
      created: created.fullyQualifiedName,
      missing,
      logins,
      mocked,
      unhandled,
    };
  } catch (error) {
    return { failed: describeError(error), mocked, unhandled };
  } finally {
    await client.close();
    await login.close();
    worker.stop();
  }
}

/** What {@link runMswSession} reports. */
export type MswSessionOutcome = Awaited<ReturnType<typeof runMswSession>>;
