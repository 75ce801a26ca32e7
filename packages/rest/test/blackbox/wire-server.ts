// A real loopback HTTP server for the black-box suites: records every request as it arrived on the wire and
// answers with whatever the test's handler returns. Both transports (undici and fetch) talk to it.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFetchTransport, type Transport } from '@meta/transport';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export { rejectionOf } from '../helpers/rejection-of.js';

/** A request as the server received it. */
export interface WireRequest {
  readonly method: string;
  /** The request target exactly as sent (path and query). */
  readonly target: string;
  readonly headers: IncomingHttpHeaders;
  /** Header names and values in wire order, so duplicates show. */
  readonly rawHeaders: readonly string[];
  readonly body: Buffer;
}

/** What the handler answers. */
export interface WireReply {
  readonly status?: number;
  readonly headers?: Record<string, string | string[]>;
  readonly body?: string | Buffer;
}

type Handler = (request: WireRequest) => WireReply | Promise<WireReply>;

/** The running server: its base origin, the requests it saw and the handler of the current test. */
export interface WireServer {
  readonly origin: string;
  readonly requests: WireRequest[];
  handle(handler: Handler): void;
}

/** Start one server for the file; requests and handler reset before every test. */
export function useWireServer(): WireServer {
  let server: Server | undefined;
  let handler: Handler = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
  const state = {
    origin: '',
    requests: [] as WireRequest[],
    handle(next: Handler) {
      handler = next;
    },
  };
  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const wire: WireRequest = {
          method: request.method ?? '',
          target: request.url ?? '',
          headers: request.headers,
          rawHeaders: request.rawHeaders,
          body: Buffer.concat(chunks),
        };
        state.requests.push(wire);
        try {
          const reply = await handler(wire);
          response.writeHead(reply.status ?? 200, reply.headers ?? {});
          response.end(reply.body);
        } catch {
          response.writeHead(599).end();
        }
      });
    });
    const listening = server;
    await new Promise<void>((resolve) => listening.listen(0, '127.0.0.1', resolve));
    state.origin = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    state.requests.length = 0;
    handler = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' });
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });
  return state;
}

/** The two transports a checker runs every case on: REST's Node default (undici) and the fetch transport. */
export const transports: ReadonlyArray<readonly [string, () => Transport | undefined]> = [
  ['undici (default)', () => undefined],
  ['fetch', () => createFetchTransport()],
];

/** Config fragment choosing a transport (the default one when `undefined`). */
export function transportConfig(make: () => Transport | undefined): { transport?: Transport } {
  const transport = make();
  return transport === undefined ? {} : { transport };
}

/** A JSON reply. */
export function json(value: unknown, status = 200, headers: Record<string, string> = {}): WireReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) };
}
