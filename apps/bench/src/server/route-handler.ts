import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_PREFIX, WORKLOADS } from '../workloads.js';
import type { Payloads } from './payloads.js';

const JSON_HEADERS = { 'content-type': 'application/json' } as const;

function reply(response: ServerResponse, status: number, body: Buffer, extraHeaders: Record<string, string> = {}) {
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

  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = request.url ?? '/';
    const queryStart = url.indexOf('?');
    const path = queryStart === -1 ? url : url.slice(0, queryStart);
    if (request.method === 'GET' && path === smallPath) return reply(response, 200, payloads.small);
    if (request.method === 'GET' && path === tablePath) return reply(response, 200, payloads.table);
    if (request.method === 'GET' && path === listPath) return reply(response, 200, payloads.big);
    if (request.method === 'POST' && path === listPath) return echo(request, response);
    if (request.method === 'GET' && path === rateLimitedPath) {
      const id = new URLSearchParams(url.slice(queryStart + 1)).get('id') ?? '';
      if (idsAwaitingRetry.delete(id)) return reply(response, 200, payloads.small);
      idsAwaitingRetry.add(id);
      return reply(response, 429, payloads.tooManyRequests, { 'retry-after': '0' });
    }
    reply(response, 404, Buffer.from(JSON.stringify({ code: 404, message: `No route for ${path}` })));
  };
}

function echo(request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => reply(response, 201, Buffer.concat(chunks)));
}
