import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createFetchTransport, type Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { getResponse, type RequestHandler } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import { OpenMetadata, type OpenMetadataConfig } from '../src/index.js';
import { MockOpenMetadata, ORIGIN } from './mock-openmetadata.js';

/** One way of reaching the mock API: MSW in-process (fetch) or a real loopback socket (undici). */
export interface Harness {
  readonly name: string;
  /** The mock behind this harness; replaced by `reset()`. */
  mock: MockOpenMetadata;
  /** The base URL to configure (`.../api`). */
  readonly baseUrl: string;
  /** A new transport for a client. */
  transport(): Transport;
  /** A client on this harness's transport. */
  client(config?: Partial<OpenMetadataConfig>): OpenMetadata;
  /** Put `handlers` in front of the mock's for the rest of the test. */
  use(...handlers: RequestHandler[]): void;
  /** A fresh mock and no extra handlers. */
  reset(): void;
  /** Close every client `client()` made. */
  closeClients(): Promise<void>;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
]);

/**
 * node:http -> MSW `getResponse`: the same handlers over a real socket, for the undici transport.
 *
 * The playground's `createMswBridge` does the same job (streaming, set-cookie, client aborts), but a package may
 * not import an app (`scripts/check-layers.mjs`), and an MSW bridge is no transport primitive that
 * `@meta/transport/testing` (msw-free, Node-free) should publish; so this test keeps its own buffered one.
 */
async function bridge(handlers: () => RequestHandler[], incoming: IncomingMessage, outgoing: ServerResponse) {
  const headers = new Headers();
  for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
    const name = incoming.rawHeaders[index]!;
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, incoming.rawHeaders[index + 1]!);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  const request = new Request(new URL(incoming.url ?? '/', ORIGIN), {
    method: incoming.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
  const response = await getResponse(handlers(), request);
  if (!response) {
    outgoing
      .writeHead(501, { 'content-type': 'text/plain' })
      .end(`No handler for ${request.method} ${request.url}`);
    return;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) out[name] = value;
  });
  outgoing.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
}

function baseHarness(name: string, baseUrl: string, transport: () => Transport) {
  let extra: RequestHandler[] = [];
  const clients: OpenMetadata[] = [];
  const transports: Transport[] = [];
  const harness = {
    name,
    mock: new MockOpenMetadata(),
    baseUrl,
    transport,
    client(config: Partial<OpenMetadataConfig> = {}) {
      const ownTransport = transport();
      transports.push(ownTransport);
      const created = new OpenMetadata({
        baseUrl,
        accessToken: 'test-jwt',
        retry: 0,
        transport: ownTransport,
        ...config,
      });
      clients.push(created);
      return created;
    },
    async closeClients() {
      await Promise.all(clients.splice(0).map((client) => client.close()));
      await Promise.all(transports.splice(0).map((each) => each.close()));
    },
    handlers: () => [...extra, ...harness.mock.handlers],
    setExtra: (handlers: RequestHandler[]) => {
      extra = handlers;
    },
  };
  return harness;
}

/** The fetch transport against MSW's `setupServer` (global fetch intercepted in-process). */
export function fetchHarness(): Harness {
  const base = baseHarness('fetch + MSW setupServer', `${ORIGIN}/api`, () => createFetchTransport());
  const server = setupServer(...base.mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  return Object.assign(base, {
    use: (...handlers: RequestHandler[]) => server.use(...handlers),
    reset() {
      base.mock = new MockOpenMetadata();
      server.resetHandlers(...base.mock.handlers);
    },
    close: async () => server.close(),
  });
}

/** The undici transport against a real `node:http` server on 127.0.0.1:0 that answers with MSW's handlers. */
export async function undiciHarness(): Promise<Harness> {
  let current: ReturnType<typeof baseHarness> | undefined;
  const server = createServer((incoming, outgoing) => {
    bridge(current!.handlers, incoming, outgoing).catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = baseHarness('undici + loopback MSW bridge', `http://127.0.0.1:${port}/api`, () =>
    createUndiciTransport(),
  );
  current = base;
  return Object.assign(base, {
    use: (...handlers: RequestHandler[]) => base.setExtra(handlers),
    reset() {
      base.mock = new MockOpenMetadata();
      base.setExtra([]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/**
 * Run `suite` once per transport (fetch + MSW in-process, undici + loopback bridge), each in its own `describe`,
 * with a fresh mock and no leftover clients between tests.
 */
export function onBothTransports(title: string, suite: (harness: () => Harness) => void): void {
  describe.each([
    ['fetch + MSW setupServer', async () => fetchHarness()],
    ['undici + loopback MSW bridge', undiciHarness],
  ])(`${title} over %s`, (_name, createHarness) => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.closeClients();
      harness.reset();
    });
    afterAll(async () => {
      await harness.close();
    });
    suite(() => harness);
  });
}
