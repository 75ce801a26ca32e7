import { http, type RequestHandler } from 'msw';
import { createGatewayHandlers } from './auth-handlers.js';
import { ENTITY_KINDS } from './catalog-entity.js';
import { CatalogStore } from './catalog-store.js';
import { createEntityReadHandlers } from './entity-read-handlers.js';
import { createEntityWriteHandlers } from './entity-write-handlers.js';
import { errorResponse } from './error-response.js';
import type { MockContext } from './mock-context.js';
import { ProducedLog } from './produced-log.js';
import { seedCatalog } from './seed-catalog.js';
import { createSystemHandlers } from './system-handlers.js';
import { TokenIssuer } from './token-issuer.js';
import { TroubleScript } from './trouble-script.js';

/**
 * The origin the handlers answer on. It never resolves in DNS: the fetch path is intercepted in-process and the
 * bridge rewrites every request to it.
 */
export const DEFAULT_MOCK_ORIGIN = 'http://openmetadata.mock';

/** Options of {@link createMockApi}. */
export interface MockApiOptions {
  /** The origin the handlers match and write into `href`s. @default DEFAULT_MOCK_ORIGIN */
  readonly origin?: string;
  /** Epoch milliseconds, for `updatedAt` and token expiry. @default Date.now */
  readonly now?: () => number;
  /** Lifetime of an issued token in seconds. @default 3600 */
  readonly tokenLifetimeSeconds?: number;
  /** Start with the seeded catalog (four tables under one schema, one entity of every other kind). @default true */
  readonly seed?: boolean;
}

/** An OpenMetadata-shaped mock API: one set of MSW handlers plus the state and controls behind them. */
export interface MockApi extends MockContext {
  readonly origin: string;
  /** The MSW handlers: give them to `setupServer(...)`, or to {@link createMswBridge} for a real socket. */
  readonly handlers: RequestHandler[];
  /** Disarm scripted trouble and release waiting responders (call in `afterEach`). */
  reset(): void;
}

/**
 * Build the mock API: every entity kind of `@meta/openmetadata` under `/api/v1` with cursor paging, get by id and
 * by name, create, create or update, JSON patch, delete (soft, hard, recursive), restore and versions; the system
 * version and health endpoints; a login endpoint issuing expiring tokens; and scripted trouble. Browser-safe: no
 * Node built-ins, so MSW's `setupWorker` can run the same handlers.
 *
 * @example
 * ```ts
 * const mock = createMockApi();
 * const server = setupServer(...mock.handlers);
 * server.listen({ onUnhandledRequest: 'error' });
 * ```
 */
export function createMockApi(options: MockApiOptions = {}): MockApi {
  const origin = (options.origin ?? DEFAULT_MOCK_ORIGIN).replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  const context: MockContext = {
    apiBase: `${origin}/api/v1`,
    store: new CatalogStore({ origin, now }),
    tokens: new TokenIssuer({
      now,
      ...(options.tokenLifetimeSeconds ? { lifetimeSeconds: options.tokenLifetimeSeconds } : {}),
    }),
    trouble: new TroubleScript(),
    produced: new ProducedLog(),
  };
  if (options.seed ?? true) seedCatalog(context.store);
  const handlers = [
    ...createGatewayHandlers(context),
    ...createSystemHandlers(context),
    ...ENTITY_KINDS.flatMap((kind) => createEntityReadHandlers(context, kind)),
    ...ENTITY_KINDS.flatMap((kind) => createEntityWriteHandlers(context, kind)),
    // Last: any other path or method under the API answers as OpenMetadata (Jersey) does, a JSON 404, instead of
    // MSW's unhandled-request error, so a client sees the `APIError` a real server would give it.
    http.all(`${context.apiBase}/*`, () => errorResponse(404, 'HTTP 404 Not Found')),
  ];
  return { ...context, origin, handlers, reset: () => context.trouble.reset() };
}
