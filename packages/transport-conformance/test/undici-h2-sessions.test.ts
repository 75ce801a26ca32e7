import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { createServer as createTlsServer, type TLSSocket, type Server as TlsServer } from 'node:tls';
import type { Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestCertificates } from '../src/create-test-certificates.js';
import { undici } from './undici-module.js';

/** How long each server holds a request, so concurrent requests overlap on it. */
const HOLD_MS = 60;

/** A CA made for this run and the 127.0.0.1 certificate it signed (node-forge: no system `openssl` needed). */
let certificates: { ca: string; cert: string; key: string };

beforeAll(() => {
  const generated = createTestCertificates();
  certificates = { ca: generated.ca, cert: generated.valid.cert, key: generated.valid.key };
});

async function listen(server: Http2SecureServer | TlsServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function sendConcurrently(transport: Transport, origin: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const response = await transport.send({ method: 'GET', url: `${origin}/item/${index}`, headers: {} });
      return response.text();
    }),
  );
}

const expectedBodies = (count: number) => Array.from({ length: count }, (_, index) => `/item/${index}`);

describe('allowH2 with connections above 1', () => {
  let server: Http2SecureServer;
  let origin: string;
  const seen = { sessions: 0, maxInFlight: 0 };
  const inFlight = new Map<ServerHttp2Session, number>();

  beforeAll(async () => {
    server = createSecureServer({ cert: certificates.cert, key: certificates.key });
    server.on('session', () => {
      seen.sessions += 1;
    });
    server.on('stream', (stream, headers) => {
      const session = stream.session as ServerHttp2Session;
      const held = (inFlight.get(session) ?? 0) + 1;
      inFlight.set(session, held);
      seen.maxInFlight = Math.max(seen.maxInFlight, held);
      setTimeout(() => {
        inFlight.set(session, (inFlight.get(session) ?? 1) - 1);
        stream.respond({ ':status': 200, 'content-type': 'text/plain' });
        stream.end(String(headers[':path']));
      }, HOLD_MS);
    });
    origin = await listen(server);
  });

  afterAll(async () => {
    for (const session of inFlight.keys()) session.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  test('connections: 2 opens at most 2 HTTP/2 sessions and multiplexes streams on them', async () => {
    const transport = createUndiciTransport({
      undici,
      allowH2: true,
      connections: 2,
      ca: certificates.ca,
      proxy: false,
    });
    try {
      expect(await sendConcurrently(transport, origin, 12)).toEqual(expectedBodies(12));
      expect(seen.sessions).toBeGreaterThanOrEqual(1);
      expect(seen.sessions).toBeLessThanOrEqual(2);
      // 12 requests on at most 2 sessions: several streams of one session were held by the server together.
      expect(seen.maxInFlight).toBeGreaterThanOrEqual(3);
    } finally {
      await transport.close();
    }
  });
});

/** What the HTTP/1.1-only server saw: connections, and the most requests one connection had unanswered. */
interface Http1Observations {
  connections: number;
  maxUnanswered: number;
}

/**
 * A TLS server that offers only `http/1.1` and answers each request head after {@link HOLD_MS}, counting the
 * request heads a connection sent before their answers went out: more than one means the client pipelined.
 */
function startHttp1OnlyServer(seen: Http1Observations): TlsServer {
  return createTlsServer(
    { cert: certificates.cert, key: certificates.key, ALPNProtocols: ['http/1.1'] },
    (socket: TLSSocket) => {
      seen.connections += 1;
      let buffered = '';
      let unanswered = 0;
      socket.on('error', () => {});
      socket.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('latin1');
        for (let end = buffered.indexOf('\r\n\r\n'); end !== -1; end = buffered.indexOf('\r\n\r\n')) {
          const path = buffered.slice(0, end).split(' ')[1] ?? '/';
          buffered = buffered.slice(end + 4);
          unanswered += 1;
          seen.maxUnanswered = Math.max(seen.maxUnanswered, unanswered);
          setTimeout(() => {
            unanswered -= 1;
            socket.write(
              `HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\ncontent-length: ${path.length}\r\n\r\n${path}`,
            );
          }, HOLD_MS);
        }
      });
    },
  );
}

describe('allowH2 against an origin that answers only HTTP/1.1', () => {
  let server: TlsServer;
  let origin: string;
  const seen: Http1Observations = { connections: 0, maxUnanswered: 0 };

  beforeAll(async () => {
    server = startHttp1OnlyServer(seen);
    origin = await listen(server);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  test('concurrent requests all succeed and are never pipelined on one connection', async () => {
    const transport = createUndiciTransport({ undici, allowH2: true, ca: certificates.ca, proxy: false });
    try {
      expect(await sendConcurrently(transport, origin, 6)).toEqual(expectedBodies(6));
      expect(seen.connections).toBeGreaterThanOrEqual(1);
      expect(seen.maxUnanswered).toBe(1);
    } finally {
      await transport.close();
    }
  });
});
