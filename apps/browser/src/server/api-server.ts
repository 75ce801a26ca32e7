import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleCors, type PreflightRecord } from './cors.js';
import { type LoopbackServer, readBody, startLoopbackServer } from './loopback-server.js';
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

const API_PREFIX = '/api/v1';
const JSON_PATCH = 'application/json-patch+json';

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiRefusal(400, 'Unable to process JSON');
  }
}

/**
 * Start the API: `/api/v1/tables` (cursor-paged list, get by id and by name, create, JSON patch), plus
 * `/api/v1/flaky?key=K` (a 503 with `Retry-After: 0` on the first request per key, then 200),
 * `/api/v1/whoami` (echoes the `Authorization` it got) and `/api/v1/slow` (never answers; for aborts).
 */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const preflights: PreflightRecord[] = [];
  const requests: RequestRecord[] = [];
  const flakyKeys = new Set<string>();
  let store: TableStore | undefined;

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const path = url.pathname.slice(API_PREFIX.length);
    const tables = store as TableStore;
    if (method === 'GET' && path === '/tables') {
      const limit = Number(url.searchParams.get('limit') ?? '10');
      return sendJson(response, 200, tables.list(limit, url.searchParams.get('after')));
    }
    if (method === 'GET' && path.startsWith('/tables/name/')) {
      return sendJson(response, 200, tables.byName(decodeURIComponent(path.slice('/tables/name/'.length))));
    }
    if (method === 'GET' && path.startsWith('/tables/')) {
      return sendJson(response, 200, tables.byId(path.slice('/tables/'.length)));
    }
    if (method === 'POST' && path === '/tables') {
      const body = parseJson(await readBody(request)) as { name?: unknown; description?: unknown };
      return sendJson(response, 201, tables.create(body));
    }
    if (method === 'PATCH' && path.startsWith('/tables/')) {
      const contentType = request.headers['content-type'] ?? '';
      if (!contentType.startsWith(JSON_PATCH)) throw new ApiRefusal(415, `Expected ${JSON_PATCH}`);
      return sendJson(response, 200, tables.patch(path.slice('/tables/'.length), parseJson(await readBody(request))));
    }
    if (method === 'GET' && path === '/flaky') {
      const key = url.searchParams.get('key') ?? '';
      if (!flakyKeys.has(key)) {
        flakyKeys.add(key);
        return sendJson(response, 503, { code: 503, message: 'Service Unavailable' }, { 'retry-after': '0' });
      }
      return sendJson(response, 200, { key, recovered: true });
    }
    if (method === 'GET' && path === '/whoami') {
      return sendJson(response, 200, { authorization: request.headers.authorization ?? null });
    }
    if (method === 'GET' && path === '/slow') return; // Held until the client gives up or the server closes.
    throw new ApiRefusal(404, `No route for ${method} ${url.pathname}`);
  }

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
      if (!url.pathname.startsWith(`${API_PREFIX}/`)) throw new ApiRefusal(404, `No route for ${url.pathname}`);
      await route(request, response, url);
    } catch (error) {
      if (!(error instanceof ApiRefusal)) throw error;
      sendJson(response, error.statusCode, { code: error.statusCode, message: error.message });
    }
  });
  store = new TableStore(`${server.origin}${API_PREFIX}`);
  return { ...server, baseUrl: `${server.origin}/api`, preflights, requests };
}
