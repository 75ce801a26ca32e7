import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { Transport } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ConfiguredTransportFactory, withConfiguredTransport } from './configured-transport.js';
import type { ConformanceHarness } from './conformance-harness.js';

/** How long the server holds each stream, so concurrent requests overlap on the server. */
const STREAM_HOLD_MS = 150;

/** How long the server stays silent on a `/h2/silent` stream: longer than the idle cap the test sets. */
const SILENT_HOLD_MS = 600;

/** What the HTTP/2 server saw: sessions opened, and the most streams it held at once on one session. */
interface Http2Observations {
  sessions: number;
  maxInFlight: number;
}

async function sendConcurrently(transport: Transport, origin: string, count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const response = await transport.send({ method: 'GET', url: `${origin}/h2/${index}`, headers: {} });
      return response.text();
    }),
  );
}

/**
 * With `allowH2`, concurrent requests to one origin share one HTTP/2 session and are in flight together (SPEC 3.8
 * v2; issue 11: undici 7 opened one session per request, or served them one at a time). Proven by what the
 * server saw (sessions, streams held at once), never by wall time. `maxConcurrentStreams` bounds the overlap, and
 * `keepAliveTimeoutMs` bounds how long an idle session stays open (undici 7 never closed one).
 */
export function registerHttp2Cases(
  harness: ConformanceHarness,
  configure?: ConfiguredTransportFactory,
): void {
  // Without a configure factory the group is named in the suite title (CONFIGURED_GROUPS), never run as a test.
  if (configure === undefined) return;
  describe('HTTP/2 multiplexing', () => {
    let server: Http2SecureServer;
    let origin: string;
    const seen: Http2Observations = { sessions: 0, maxInFlight: 0 };
    const inFlight = new WeakMap<object, number>();
    const sessions = new Set<ServerHttp2Session>();

    beforeAll(async () => {
      server = createSecureServer({ ...harness.servers().certificates.valid });
      server.on('session', (session) => {
        seen.sessions++;
        sessions.add(session);
        session.on('close', () => sessions.delete(session));
      });
      server.on('stream', (stream, headers) => {
        const session = stream.session!;
        const held = (inFlight.get(session) ?? 0) + 1;
        inFlight.set(session, held);
        seen.maxInFlight = Math.max(seen.maxInFlight, held);
        const path = String(headers[':path']);
        setTimeout(
          () => {
            inFlight.set(session, (inFlight.get(session) ?? 1) - 1);
            stream.respond({ ':status': 200, 'content-type': 'text/plain' });
            stream.end(path);
          },
          path.startsWith('/h2/silent') ? SILENT_HOLD_MS : STREAM_HOLD_MS,
        );
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      for (const session of sessions) session.destroy();
      await new Promise((resolve) => server.close(resolve));
    });

    function reset(): void {
      seen.sessions = 0;
      seen.maxInFlight = 0;
    }

    test('10 concurrent requests share one HTTP/2 session and are in flight on the server together', async () => {
      reset();
      await withConfiguredTransport(
        harness,
        configure,
        { allowH2: true, proxy: false },
        async (transport) => {
          const bodies = await sendConcurrently(transport, origin, 10);
          expect(bodies).toEqual(Array.from({ length: 10 }, (_, index) => `/h2/${index}`));
          expect(seen.sessions).toBe(1);
          expect(seen.maxInFlight).toBeGreaterThanOrEqual(5);
        },
      );
    });

    test('an idle HTTP/2 session is closed after keepAliveTimeoutMs and the next request opens a new one', async () => {
      reset();
      const settings = { allowH2: true, keepAliveTimeoutMs: 200, proxy: false } as const;
      await withConfiguredTransport(harness, configure, settings, async (transport) => {
        expect(await sendConcurrently(transport, origin, 2)).toHaveLength(2);
        expect(seen.sessions).toBe(1);
        // The server holds no idle timeout of its own: only the client can end the session.
        await new Promise((resolve) => setTimeout(resolve, 700));
        expect(sessions.size).toBe(0);
        expect(await sendConcurrently(transport, origin, 1)).toEqual(['/h2/0']);
        expect(seen.sessions).toBe(2);
      });
    });

    test('a request in flight on a silent HTTP/2 session is not cut by keepAliveTimeoutMs', async () => {
      reset();
      const settings = { allowH2: true, keepAliveTimeoutMs: 200, proxy: false } as const;
      await withConfiguredTransport(harness, configure, settings, async (transport) => {
        const response = await transport.send({ method: 'GET', url: `${origin}/h2/silent`, headers: {} });
        expect(await response.text()).toBe('/h2/silent');
        expect(seen.sessions).toBe(1);
      });
    });

    test('maxConcurrentStreams bounds the streams in flight on one session', async () => {
      reset();
      const settings = { allowH2: true, maxConcurrentStreams: 3, proxy: false } as const;
      await withConfiguredTransport(harness, configure, settings, async (transport) => {
        const bodies = await sendConcurrently(transport, origin, 9);
        expect(bodies).toHaveLength(9);
        expect(seen.maxInFlight).toBeLessThanOrEqual(3);
        expect(seen.maxInFlight).toBeGreaterThanOrEqual(2);
      });
    });
  });
}
