import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** One request as it crossed the socket: the raw request target, exactly as the client wrote it. */
export interface WireRequest {
  method: string;
  rawTarget: string;
  headers: IncomingMessage['headers'];
}

/**
 * A real `node:http` server on 127.0.0.1:0 that records raw request targets (no URL parsing on the way) and
 * answers every request with `answer` (a JSON entity by default). Registered once per test file.
 */
export function useWireServer() {
  const requests: WireRequest[] = [];
  let answer: (request: WireRequest) => { status: number; body: unknown } = () => ({ status: 200, body: {} });
  const server = createServer((request, response) => {
    const entry = { method: request.method ?? '', rawTarget: request.url ?? '', headers: request.headers };
    requests.push(entry);
    request.resume();
    request.on('end', () => {
      const { status, body } = answer(entry);
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    });
  });
  const state = { origin: '' };
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => {
    requests.length = 0;
    answer = () => ({ status: 200, body: {} });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return {
    requests,
    get origin(): string {
      return state.origin;
    },
    answer(next: typeof answer): void {
      answer = next;
    },
  };
}
