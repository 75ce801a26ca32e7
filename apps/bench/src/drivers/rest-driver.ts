import { REST } from '@meta/rest';
import { createFetchTransport, type Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import type { BenchClient, BenchRequest, CreateBenchClient, DriverContext } from './bench-client.js';

/**
 * REST logs each retry at warn; the benchmark measures the client, not the console. No `debug` method, as with
 * the default logger: REST builds a redacted debug line per attempt whenever the logger has one.
 */
const silentLogger = { warn() {} };

function createRestClient(origin: string, transport: Transport): BenchClient {
  const client = new REST({ baseUrl: `${origin}/api`, transport, logger: silentLogger });
  return {
    send: (benchRequest: BenchRequest) =>
      benchRequest.method === 'GET'
        ? client.get(benchRequest.path)
        : client.post(benchRequest.path, benchRequest.body),
    async close() {
      await client.close();
      // A transport passed in config is borrowed: REST never closes it, so its owner does.
      await transport.close();
    },
  };
}

/** REST over `createUndiciTransport` with the same pool settings as the raw undici anchor. */
export const createRestUndiciClient: CreateBenchClient = async ({ origin, pool }: DriverContext) =>
  createRestClient(
    origin,
    createUndiciTransport({
      connections: pool.connections,
      keepAliveTimeoutMs: pool.keepAliveTimeoutMs,
      connectTimeoutMs: pool.connectTimeoutMs,
    }),
  );

/** REST over `createFetchTransport` (global fetch looked up per call), compared with raw global fetch. */
export const createRestFetchClient: CreateBenchClient = async ({ origin }: DriverContext) =>
  createRestClient(origin, createFetchTransport());
