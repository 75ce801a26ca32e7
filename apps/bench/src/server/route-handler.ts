import { API_PREFIX, WORKLOADS } from '../workloads.js';
import type { Payloads } from './payloads.js';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

/** What the routes read from a request: `node:http`'s `IncomingMessage` and HTTP/2's compatibility request fit. */
export interface RouteRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
}

/** What the routes write: `node:http`'s `ServerResponse` and HTTP/2's compatibility response fit. */
export interface RouteResponse {
  writeHead(status: number, headers: Record<string, string | number>): unknown;
  end(body: Buffer): unknown;
}

function reply(
  response: RouteResponse,
  status: number,
  body: Buffer,
  extraHeaders: Record<string, string> = {},
) {
  response.writeHead(status, { ...JSON_HEADERS, 'content-length': body.length, ...extraHeaders });
  response.end(body);
}

function routePath(name: string): string {
  const workload = WORKLOADS.find((candidate) => candidate.name === name);
  if (workload === undefined) throw new Error(`No workload ${name}`);
  return API_PREFIX + workload.path;
}

/**
 * Builds the server's request listener. The rate-limited route answers 429 to the first attempt of each `id` and
 * 200 to the second: exactly every other response is a 429, and no logical request can be unlucky under
 * concurrency (a global toggle would let one request see 429 four times in a row and fail).
 */
export function createRouteHandler(payloads: Payloads) {
  const smallPath = routePath('small');
  const tablePath = routePath('table');
  const listPath = routePath('big');
  const rateLimitedPath = routePath('rate-limited');
  const idsAwaitingRetry = new Set<string>();

  function route(request: RouteRequest, response: RouteResponse, path: string, query: string): void {
    if (request.method === 'GET' && path === smallPath) reply(response, 200, payloads.small);
    else if (request.method === 'GET' && path === tablePath) reply(response, 200, payloads.table);
    else if (request.method === 'GET' && path === listPath) reply(response, 200, payloads.big);
    else if (request.method === 'POST' && path === listPath) echo(request, response);
    else if (request.method === 'GET' && path === rateLimitedPath) {
      const id = new URLSearchParams(query).get('id') ?? '';
      if (idsAwaitingRetry.delete(id)) reply(response, 200, payloads.small);
      else {
        idsAwaitingRetry.add(id);
        reply(response, 429, payloads.tooManyRequests, { 'retry-after': '0' });
      }
    } else reply(response, 404, Buffer.from(JSON.stringify({ code: 404, message: `No route for ${path}` })));
  }

  return (request: RouteRequest, response: RouteResponse): void => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    if (queryStart === -1) route(request, response, url, '');
    else route(request, response, url.slice(0, queryStart), url.slice(queryStart + 1));
  };
}

function echo(request: RouteRequest, response: RouteResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => reply(response, 201, Buffer.concat(chunks)));
}
