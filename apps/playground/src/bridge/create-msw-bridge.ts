import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getResponse, type RequestHandler } from 'msw';

/** Options of {@link createMswBridge}. */
export interface MswBridgeOptions {
  /**
   * The origin the handlers were written for: each request's origin is rewritten to it so absolute-URL handlers
   * match, whatever port the bridge got.
   */
  readonly origin: string;
  /** The interface to listen on. @default '127.0.0.1' */
  readonly host?: string;
}

/** A running bridge. */
export interface MswBridge {
  /** `http://127.0.0.1:<port>`: point a client here. */
  readonly url: string;
  /** Stop listening and end every open connection. Idempotent. */
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

function toFetchRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let index = 0; index < incoming.rawHeaders.length; index += 2) {
    const name = incoming.rawHeaders[index]!;
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.append(name, incoming.rawHeaders[index + 1]!);
  }
  const hasBody = incoming.method !== 'GET' && incoming.method !== 'HEAD';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method: incoming.method ?? 'GET',
    headers,
    signal,
    ...(hasBody ? { body: Readable.toWeb(incoming) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie' && !HOP_BY_HOP.has(name)) headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  outgoing.writeHead(response.status, response.statusText, headers);
  if (!response.body) {
    outgoing.end();
    return;
  }
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), outgoing);
}

async function answer(
  handlers: readonly RequestHandler[],
  options: MswBridgeOptions,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
) {
  // Aborts the handler's request when the client goes away, so slow responders stop waiting.
  const clientGone = new AbortController();
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) clientGone.abort(new Error('The client closed the connection'));
  });
  try {
    const request = toFetchRequest(incoming, options.origin, clientGone.signal);
    const response = await getResponse([...handlers], request);
    if (response) await writeResponse(response, outgoing);
    else
      outgoing
        .writeHead(501, { 'content-type': 'text/plain' })
        .end(`No mock handler for ${request.method} ${request.url}`);
  } catch (error) {
    if (clientGone.signal.aborted) return;
    if (!outgoing.headersSent) outgoing.writeHead(500, { 'content-type': 'text/plain' });
    outgoing.end(`Mock handler failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Serve MSW handlers over a real loopback socket: a `node:http` server turns each request into a Fetch `Request`,
 * asks msw's `getResponse` for the answer and streams it back (501 when no handler matched). This is how the undici
 * transport, which msw cannot intercept, reaches the same mock as the fetch transport.
 *
 * @example
 * ```ts
 * const bridge = await createMswBridge(mock.handlers, { origin: mock.origin });
 * const client = new REST({ baseUrl: `${bridge.url}/api`, transport: createUndiciTransport() });
 * ```
 */
export async function createMswBridge(
  handlers: readonly RequestHandler[],
  options: MswBridgeOptions,
): Promise<MswBridge> {
  const server = createServer((incoming, outgoing) => {
    void answer(handlers, options, incoming, outgoing);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  let closed: Promise<void> | undefined;
  return {
    url: `http://${address}:${port}`,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
