import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from './loopback-server.js';
import { ApiRefusal, type TableStore } from './table-store.js';

/** Where the routes live, as on an OpenMetadata server. */
export const API_PREFIX = '/api/v1';

const JSON_PATCH = 'application/json-patch+json';

/** Answer with a JSON body. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
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

/** Answers one API request; throws {@link ApiRefusal} for the OpenMetadata error responses. */
export type ApiRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

/** The table routes: cursor-paged list, get by id and by name, create, JSON patch. */
async function tableRoute(tables: TableStore, request: IncomingMessage, response: ServerResponse, url: URL) {
  const method = request.method ?? 'GET';
  const path = url.pathname.slice(API_PREFIX.length);
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
    const operations = parseJson(await readBody(request));
    return sendJson(response, 200, tables.patch(path.slice('/tables/'.length), operations));
  }
  throw new ApiRefusal(404, `No route for ${method} ${url.pathname}`);
}

/**
 * The API's routes: the tables, plus `/flaky?key=K` (a 503 with `Retry-After: 0` on the first request per key,
 * then 200), `/whoami` (echoes the `Authorization` it got) and `/slow` (never answers; for aborts).
 */
export function createApiRoutes(tables: TableStore): ApiRoute {
  const flakyKeys = new Set<string>();
  return async (request, response, url) => {
    const path = `${request.method ?? 'GET'} ${url.pathname.slice(API_PREFIX.length)}`;
    if (path === 'GET /flaky') {
      const key = url.searchParams.get('key') ?? '';
      if (flakyKeys.has(key)) return sendJson(response, 200, { key, recovered: true });
      flakyKeys.add(key);
      return sendJson(response, 503, { code: 503, message: 'Service Unavailable' }, { 'retry-after': '0' });
    }
    if (path === 'GET /whoami') {
      return sendJson(response, 200, { authorization: request.headers.authorization ?? null });
    }
    if (path === 'GET /slow') return; // Held until the client gives up or the server closes.
    return tableRoute(tables, request, response, url);
  };
}
