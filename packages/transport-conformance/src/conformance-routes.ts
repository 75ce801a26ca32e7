import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';

/** What the servers observed, for assertions the client side cannot make. */
export interface ServerObservations {
  /** Requests per path (without the query). */
  readonly hits: Map<string, number>;
  /** Responses whose socket closed before the whole body was written (the client dropped the connection). */
  abortedWrites: number;
}

/** The body the `/binary` route sends: every byte value once. */
export const BINARY_BODY: Uint8Array = Uint8Array.from({ length: 256 }, (_, index) => index);

/** The JSON document `/json` and the `/encoded` routes send. */
export const JSON_DOCUMENT = { ok: true, items: [1, 2, 3], text: 'caf\u00e9 \u2713' } as const;

let bomb: Buffer | undefined;

/**
 * One byte more than 64 MiB of zeros (just past the default `maxResponseBytes`), gzipped to about 64 KiB: small
 * on the wire, huge once decoded. Built once per process.
 */
function gzipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024 + 1), { level: 9 });
  return bomb;
}

function encode(body: Buffer, coding: string): Buffer {
  if (coding === 'gzip' || coding === 'x-gzip') return gzipSync(body);
  if (coding === 'deflate') return deflateSync(body);
  if (coding === 'br') return brotliCompressSync(body);
  return body;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** The connection id each socket got when it connected (for keep-alive assertions). */
export const connectionIds = new WeakMap<object, number>();

type Route = (request: IncomingMessage, response: ServerResponse, url: URL) => void | Promise<void>;

const routes: Record<string, Route> = {
  '/echo': async (request, response) => {
    const body = await readBody(request);
    response.setHeader('content-type', 'application/json');
    response.end(
      JSON.stringify({
        method: request.method,
        url: request.url,
        headers: request.headers,
        rawHeaders: request.rawHeaders,
        bodyBase64: body.toString('base64'),
      }),
    );
  },
  '/json': (_request, response) => {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    response.end(JSON.stringify(JSON_DOCUMENT));
  },
  '/invalid-json': (_request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end('{"ok": tru');
  },
  '/status': (_request, response, url) => {
    const status = Number(url.searchParams.get('code') ?? '200');
    response.statusCode = status;
    if (status >= 300 && status < 400) response.setHeader('location', '/echo');
    response.end(status === 204 || status === 304 ? undefined : `status ${status}`);
  },
  '/headers': (_request, response) => {
    response.setHeader('x-multi', ['a', 'b']);
    response.setHeader('set-cookie', ['first=1; Path=/', 'second=2; Path=/']);
    response.setHeader('X-Mixed-Case', 'Value');
    response.setHeader('content-type', 'text/plain; charset=utf-8');
    response.end('headers');
  },
  '/binary': (_request, response) => {
    response.setHeader('content-type', 'application/octet-stream');
    response.end(Buffer.from(BINARY_BODY));
  },
  '/large': (request, response, url) => {
    const size = Number(url.searchParams.get('bytes'));
    if (url.searchParams.get('chunked') !== '1') response.setHeader('content-length', size);
    const block = Buffer.alloc(64 * 1024, 'abcdefghijklmnopqrstuvwxyz');
    let written = 0;
    const pump = () => {
      while (written < size) {
        const piece = block.subarray(0, Math.min(block.length, size - written));
        written += piece.length;
        if (!response.write(piece)) return void response.once('drain', pump);
      }
      response.end();
    };
    trackAbortedWrite(request, response);
    pump();
  },
  '/encoded': (_request, response, url) => {
    const codings = (url.searchParams.get('coding') ?? '').split(',').map((coding) => coding.trim());
    let body: Buffer = Buffer.from(JSON.stringify(JSON_DOCUMENT));
    for (const coding of codings)
      body = coding === 'deflate-raw' ? deflateRawSync(body) : encode(body, coding);
    response.setHeader('content-type', 'application/json');
    response.setHeader(
      'content-encoding',
      codings.map((coding) => (coding === 'deflate-raw' ? 'deflate' : coding)).join(', '),
    );
    response.end(body);
  },
  '/corrupt-gzip': (_request, response) => {
    response.setHeader('content-encoding', 'gzip');
    response.end('this is not gzip at all');
  },
  '/bomb': (request, response) => {
    response.setHeader('content-encoding', 'gzip');
    trackAbortedWrite(request, response);
    response.end(gzipBomb());
  },
  '/connection': (request, response) => {
    response.end(String(connectionIds.get(request.socket)));
  },
  '/stall-headers': () => {
    // Never answer: the client's deadline or abort ends the exchange.
  },
  '/stall-body': (_request, response) => {
    response.writeHead(200, { 'content-length': '1000', 'content-type': 'text/plain' });
    response.write('x'.repeat(100));
  },
  '/reset-before': (request) => {
    request.socket.resetAndDestroy();
  },
  '/close-before': (request) => {
    request.socket.destroy();
  },
  '/close-during': (request, response) => {
    response.writeHead(200, { 'content-length': '1000', 'content-type': 'text/plain' });
    // FIN after the first bytes are flushed: TCP delivers them, then the end, so the client always sees the
    // headers first and the failure during the body.
    response.write('x'.repeat(100), () => request.socket.destroy());
  },
};

function trackAbortedWrite(request: IncomingMessage, response: ServerResponse): void {
  const observations = (request.socket as unknown as { observations?: ServerObservations }).observations;
  response.on('close', () => {
    if (!response.writableFinished && observations) observations.abortedWrites++;
  });
}

/** The request handler every HTTP and HTTPS conformance server runs. */
export function conformanceHandler(observations: ServerObservations) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://conformance.invalid');
    observations.hits.set(url.pathname, (observations.hits.get(url.pathname) ?? 0) + 1);
    (request.socket as unknown as { observations?: ServerObservations }).observations = observations;
    const route = routes[url.pathname];
    if (!route) {
      response.statusCode = 404;
      response.end('no such route');
      return;
    }
    Promise.resolve(route(request, response, url)).catch(() => response.destroy());
  };
}
