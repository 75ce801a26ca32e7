import { API_PREFIX, createApiRoutes, sendJson } from './api-routes.js';
import { handleCors, type PreflightRecord } from './cors.js';
import { type LoopbackServer, startLoopbackServer } from './loopback-server.js';
import { ApiRefusal, TableStore } from './table-store.js';

/** One API request as the server saw it (preflights are recorded separately). */
export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
}

/** The OpenMetadata-shaped API on a loopback port, with what it saw. */
export interface ApiServer extends LoopbackServer {
  /** The `baseUrl` to give REST: `<origin>/api`. */
  readonly baseUrl: string;
  readonly preflights: PreflightRecord[];
  readonly requests: RequestRecord[];
}

/** Options of {@link startApiServer}. */
export interface ApiServerOptions {
  /** The one origin allowed to call across origins (the test page's); absent for callers that send no Origin. */
  readonly allowedOrigin?: string;
}

/**
 * Start the OpenMetadata-shaped API (see `createApiRoutes`) on `127.0.0.1:0`, answering CORS for
 * `allowedOrigin` and recording every preflight and request. Errors use OpenMetadata's `{ code, message }` body.
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const preflights: PreflightRecord[] = [];
  const requests: RequestRecord[] = [];
  let route: ReturnType<typeof createApiRoutes> | undefined;
  const server = await startLoopbackServer(async (request, response) => {
    if (handleCors(request, response, options.allowedOrigin ?? '', preflights)) return;
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: request.method ?? 'GET',
      path: url.pathname + url.search,
      contentType: request.headers['content-type'],
      authorization: request.headers.authorization,
    });
    try {
      if (!url.pathname.startsWith(`${API_PREFIX}/`) || route === undefined) {
        throw new ApiRefusal(404, `No route for ${url.pathname}`);
      }
      await route(request, response, url);
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      sendJson(response, error.statusCode, { code: error.statusCode, message: error.message });
    }
  });
  // The store writes `href`s with the real origin, known only once the port is bound.
  route = createApiRoutes(new TableStore(`${server.origin}${API_PREFIX}`));
  return { ...server, baseUrl: `${server.origin}/api`, preflights, requests };
}
