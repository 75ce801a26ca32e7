import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One request as it reached the wire. */
export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export type Route = (request: WireRequest, response: ServerResponse) => void;

/** A real loopback server on 127.0.0.1:0 that records every request and answers with `route`. */
export interface LoopbackServer {
  readonly origin: string;
  readonly requests: WireRequest[];
  route: Route;
  close(): Promise<void>;
}

export async function startLoopbackServer(tls?: { key: string; cert: string }): Promise<LoopbackServer> {
  const requests: WireRequest[] = [];
  const state: { route: Route } = { route: (_request, response) => response.end() };
  const handler = (incoming: IncomingMessage, response: ServerResponse): void => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      state.route(request, response);
    });
  };
  const server: Server = tls ? createHttpsServer(tls, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    requests,
    get route() {
      return state.route;
    },
    set route(route: Route) {
      state.route = route;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One loopback server for a test file: started before its tests and closed after them; before each test its
 * recorded requests are cleared and its route is reset to `route`. The object returned reads the live server.
 */
export function useLoopbackServer(route: Route): LoopbackServer {
  let current: LoopbackServer | undefined;
  const live = (): LoopbackServer => {
    if (current === undefined) throw new Error('the loopback server is only there while the tests run');
    return current;
  };
  beforeAll(async () => {
    current = await startLoopbackServer();
  });
  afterAll(() => live().close());
  beforeEach(() => {
    live().requests.length = 0;
    live().route = route;
  });
  return {
    get origin() {
      return live().origin;
    },
    get requests() {
      return live().requests;
    },
    get route() {
      return live().route;
    },
    set route(next: Route) {
      live().route = next;
    },
    close: () => live().close(),
  };
}

/** Answer with JSON. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
