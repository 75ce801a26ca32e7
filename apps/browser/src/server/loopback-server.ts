import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Handles one request; a thrown error becomes a 500 so a bug in a route never hangs the page. */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** A `node:http` server on 127.0.0.1 with a kernel-chosen port. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  readonly origin: string;
  /** Stops listening and destroys every open connection (a held `/slow` response included). */
  close(): Promise<void>;
}

/** Start `listener` on `127.0.0.1:0`. */
export async function startLoopbackServer(listener: RequestListener): Promise<LoopbackServer> {
  const server = createServer((request, response) => {
    Promise.resolve(listener(request, response)).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else {
        response.writeHead(500, { 'content-type': 'text/plain' });
        response.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * An origin where nothing listens: a server bound to a kernel-chosen port and closed again, so a request to it is
 * refused. The kernel does not hand the port out again at once, which is all a single test run needs.
 */
export async function reserveClosedOrigin(): Promise<string> {
  const server = await startLoopbackServer((_request, response) => {
    response.end();
  });
  await server.close();
  return server.origin;
}

/** The request body as text (bodies here are small JSON documents). */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
