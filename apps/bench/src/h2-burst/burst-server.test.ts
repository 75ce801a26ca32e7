import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type BenchClient, DEFAULT_POOL } from '../drivers/bench-client.js';
import { createUndiciH2Client, createUndiciTlsClient } from '../drivers/h2-ceiling-drivers.js';
import { countsBetween } from './burst-sample.js';
import { type BurstServer, startBurstServer } from './burst-server.js';

/** Long enough past the server's idle close below for a loaded machine; never asserted on. */
const IDLE_CLOSE_MS = 100;
const IDLE_WAIT_MS = 600;

let server: BurstServer;

beforeAll(async () => {
  server = await startBurstServer(IDLE_CLOSE_MS);
});

afterAll(async () => {
  await server.close();
});

function context() {
  return { origin: server.endpoint.origin, tls: server.endpoint, pool: DEFAULT_POOL };
}

async function burst(client: BenchClient, requests: number) {
  const before = server.counts();
  const bodies = await Promise.all(
    Array.from({ length: requests }, () => client.send({ method: 'GET', path: '/system/version' })),
  );
  for (const body of bodies) expect(body).toHaveProperty('version');
  return countsBetween(before, server.counts());
}

describe('burst server counters', () => {
  test('counts one TLS handshake and one h2 connection for a burst multiplexed over one session', async () => {
    const client = await createUndiciH2Client(context());
    const seen = await burst(client, 8);
    await client.close();
    expect(seen).toMatchObject({ tcpConnections: 1, tlsHandshakes: 1, h2Connections: 1, h2Requests: 8 });
    expect(seen.http1Requests).toBe(0);
  });

  test('counts one full TLS handshake per HTTP/1.1 connection a new client opens for a burst', async () => {
    const client = await createUndiciTlsClient(context());
    const seen = await burst(client, 8);
    await client.close();
    expect(seen).toMatchObject({ tcpConnections: 8, tlsHandshakes: 8, h2Connections: 0, http1Requests: 8 });
  });

  test('closes an idle h2 session, so the same client must handshake again for its next burst', async () => {
    const client = await createUndiciH2Client(context());
    await burst(client, 4);
    await sleep(IDLE_WAIT_MS);
    const seen = await burst(client, 4);
    await client.close();
    expect(seen).toMatchObject({ tlsHandshakes: 1, h2Connections: 1, h2Requests: 4 });
  });
});
