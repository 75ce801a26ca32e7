import { createUndiciTransport } from '@meta/transport/undici';
import type { CreateBenchClient } from './bench-client.js';
import { createRestBenchClient } from './rest-client.js';

/** REST over `createUndiciTransport` with the same pool settings as the raw undici anchor. */
export const createRestUndiciClient: CreateBenchClient = async ({ origin, pool }) =>
  createRestBenchClient(
    origin,
    createUndiciTransport({
      connections: pool.connections,
      keepAliveTimeoutMs: pool.keepAliveTimeoutMs,
      connectTimeoutMs: pool.connectTimeoutMs,
    }),
  );
