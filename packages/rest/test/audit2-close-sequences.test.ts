/*
 * Round-2 audit, close() in the middle of a call's sequence (SPEC 3.7): only exchanges already on the wire
 * finish. A redirect hop or the replay after a 401 that would start after `close()` is not started: the call
 * rejects with ClientClosedError, and `close()` resolves once the exchange on the wire has settled. Real loopback
 * server, both transports.
 */
import { isClientClosedError } from '@meta/errors';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { type LoopbackServer, sendJson, startLoopbackServer } from './helpers/loopback-server.js';

let server: LoopbackServer;
/** Answers held until the test lets them go, so `close()` lands while the exchange is on the wire. */
let held: Array<() => void> = [];

beforeAll(async () => {
  server = await startLoopbackServer();
  server.route = (request, response) => {
    held.push(() => {
      if (request.path === '/api/v1/moved')
        return response.writeHead(302, { location: '/api/v1/target' }).end();
      if (request.path === '/api/v1/expired') return sendJson(response, 401, { message: 'expired' });
      sendJson(response, 200, { path: request.path });
    });
  };
});

afterAll(() => server.close());

beforeEach(() => {
  server.requests.length = 0;
  held = [];
});

async function untilHeld(count: number): Promise<void> {
  while (held.length < count) await new Promise((resolve) => setTimeout(resolve, 5));
}

test.each(TRANSPORT_KINDS)(
  'close() while a redirect and a 401 are on the wire: neither the hop nor the replay starts, both calls reject with ClientClosedError (%s)',
  async (kind) => {
    let providerCalls = 0;
    const client = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      allowRedirects: true,
      authToken: () => [`token-${++providerCalls}`, 3600],
    });
    const redirected = rejectionOf(client.get('/moved'));
    const rejected = rejectionOf(client.get('/expired'));
    await untilHeld(2);
    const closed = client.close();
    for (const release of held) release();
    expect(isClientClosedError(await redirected)).toBe(true);
    expect(isClientClosedError(await rejected)).toBe(true);
    await closed;
    expect(server.requests.map((request) => request.path).sort()).toEqual([
      '/api/v1/expired',
      '/api/v1/moved',
    ]);
    expect(providerCalls).toBe(1);
  },
);

test.each(TRANSPORT_KINDS)(
  'an exchange on the wire at close() still finishes with its result (%s)',
  async (kind) => {
    const client = createClient(kind, { baseUrl: `${server.origin}/api` });
    const call = client.get('/tables');
    await untilHeld(1);
    const closed = client.close();
    held[0]!();
    expect(await call).toEqual({ path: '/api/v1/tables' });
    await closed;
  },
);
