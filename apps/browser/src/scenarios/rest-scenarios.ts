import { REST } from '@meta/rest';
import { describeError, rejectionOf } from './describe-error.js';

/** Where a scenario sends its requests. */
export interface ScenarioTargets {
  /** The loopback API's `baseUrl` (`http://127.0.0.1:<port>/api`). */
  readonly baseUrl: string;
  /** A `baseUrl` on a port where nothing listens. */
  readonly closedBaseUrl: string;
}

interface Table {
  readonly id: string;
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly description?: string;
  readonly version: number;
}

interface TablePage {
  readonly data: Table[];
  readonly paging: { readonly total: number; readonly after?: string };
}

/** A name no other scenario or earlier run on the same server uses. */
const uniqueName = (prefix: string) =>
  `${prefix}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Run `body` with a client on `baseUrl` (default transport: fetch outside Node), closing it afterwards. */
async function withClient<T>(
  config: ConstructorParameters<typeof REST>[0],
  body: (client: REST) => Promise<T>,
): Promise<T> {
  const client = new REST(config);
  try {
    return await body(client);
  } finally {
    await client.close();
  }
}

/**
 * The REST scenarios every runtime runs (headless Chromium, workerd). Each returns plain JSON describing what
 * happened; the vitest tests assert on it. Keys are the scenario names.
 */
export const REST_SCENARIOS = {
  /** Follow `paging.after` cursors to the end of the list. */
  'list-paging': ({ baseUrl }: ScenarioTargets) =>
    withClient({ baseUrl }, async (client) => {
      const names: string[] = [];
      let after: string | undefined;
      let pages = 0;
      do {
        const page = await client.get<TablePage>('/tables', { limit: 2, after });
        pages += 1;
        names.push(...page.data.map((table) => table.name));
        after = page.paging.after;
      } while (after !== undefined && pages < 20);
      return { pages, names };
    }),

  /** POST a JSON body, get the created entity back. */
  create: ({ baseUrl }: ScenarioTargets) =>
    withClient({ baseUrl }, async (client) => {
      const name = uniqueName('page_views');
      const created = await client.post<Table>('/tables', { name, description: 'Views per page' });
      return { requested: name, name: created.name, description: created.description, id: created.id };
    }),

  /** PATCH with `application/json-patch+json`, which needs a CORS preflight. */
  patch: ({ baseUrl }: ScenarioTargets) =>
    withClient({ baseUrl }, async (client) => {
      const created = await client.post<Table>('/tables', { name: uniqueName('sessions') });
      const patched = await client.patch<Table>(`/tables/${created.id}`, [
        { op: 'add', path: '/description', value: 'One row per visit' },
      ]);
      return { id: created.id, description: patched.description, version: patched.version };
    }),

  /** A 404 with OpenMetadata's error body is a typed `APIError`. */
  'not-found': ({ baseUrl }: ScenarioTargets) =>
    withClient({ baseUrl }, (client) =>
      rejectionOf(() => client.get('/tables/name/loopback.shop.public.missing')),
    ),

  /** Creating a table that exists is a 409 `APIError`. */
  conflict: ({ baseUrl }: ScenarioTargets) =>
    withClient({ baseUrl }, (client) => rejectionOf(() => client.post('/tables', { name: 'customers' }))),

  /**
   * A 503 with `Retry-After: 0` is retried, then succeeds. `retryWait` stays at its 30 s default and a total
   * deadline of 20 s applies: if the browser hid `Retry-After` the call would fail at once instead of succeeding.
   */
  'retry-503': ({ baseUrl }: ScenarioTargets) => {
    let retries = 0;
    return withClient(
      {
        baseUrl,
        retryCodes: [429, 503, 504],
        totalTimeoutMs: 20_000,
        hooks: {
          beforeRetry: () => {
            retries += 1;
          },
        },
      },
      async (client) => {
        const data = await client.get<{ recovered: boolean }>('/flaky', { key: uniqueName('flaky') });
        return { data, retries };
      },
    );
  },

  /** A token that expires at once: the provider is called again before the next request. */
  'token-refresh': ({ baseUrl }: ScenarioTargets) => {
    let providerCalls = 0;
    const authToken = (): [string, number] => {
      providerCalls += 1;
      return [`browser-token-${providerCalls}`, 0];
    };
    return withClient({ baseUrl, authToken }, async (client) => {
      const first = await client.get<{ authorization: string | null }>('/whoami');
      const second = await client.get<{ authorization: string | null }>('/whoami');
      return { providerCalls, sent: [first.authorization, second.authorization] };
    });
  },

  /** Aborting a call in flight rejects it with the signal's reason, the very object. */
  abort: ({ baseUrl }: ScenarioTargets) =>
    withClient({ baseUrl }, async (client) => {
      const controller = new AbortController();
      const reason = new Error('the user left the page');
      const call = client.get('/slow', undefined, { signal: controller.signal });
      setTimeout(() => controller.abort(reason), 100);
      try {
        await call;
        return { rejected: false, sameReason: false, error: null };
      } catch (error) {
        return { rejected: true, sameReason: error === reason, error: describeError(error) };
      }
    }),

  /** A server that is gone: a `NetworkError`, not a bare `TypeError: Failed to fetch`. */
  'network-error': ({ closedBaseUrl }: ScenarioTargets) =>
    withClient({ baseUrl: closedBaseUrl, retry: 0 }, (client) => rejectionOf(() => client.get('/tables'))),
};

/** A scenario's name. */
export type RestScenarioName = keyof typeof REST_SCENARIOS;

/** What scenario `Name` reports. */
export type RestScenarioOutcome<Name extends RestScenarioName> = Awaited<
  ReturnType<(typeof REST_SCENARIOS)[Name]>
>;

/** Run one scenario by name. */
export function runRestScenario<Name extends RestScenarioName>(
  name: Name,
  targets: ScenarioTargets,
): Promise<RestScenarioOutcome<Name>> {
  const scenario = REST_SCENARIOS[name] as (targets: ScenarioTargets) => Promise<RestScenarioOutcome<Name>>;
  if (typeof scenario !== 'function') return Promise.reject(new Error(`no scenario named ${String(name)}`));
  return scenario(targets);
}
