import { REST } from '@meta/rest';
import type { Transport } from '@meta/transport';
import type { BenchClient, BenchRequest } from './bench-client.js';

/**
 * REST logs each retry at warn; the benchmark measures the client, not the console. No `debug` method, as with
 * the default logger: REST builds a redacted debug line per attempt whenever the logger has one.
 */
const silentLogger = { warn() {} };

/** A REST client on `transport` behind the bench contract; closing it also closes the (borrowed) transport. */
export function createRestBenchClient(origin: string, transport: Transport): BenchClient {
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
