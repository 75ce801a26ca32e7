import { REST } from '@meta/rest';
import type { Transport } from '@meta/transport';
import { afterEach } from 'vitest';
import { type RawServer, startRawServer } from './raw-server.js';

/** A REST config without its transport: the harness builds that per test. */
export type ConfigWithoutTransport = Omit<ConstructorParameters<typeof REST>[0], 'transport'>;

/** What a black-box test file uses: raw servers and clients that are closed after every test. */
export interface Harness {
  serve(handler: Parameters<typeof startRawServer>[0]): Promise<RawServer>;
  /** A REST client on a fresh transport from `make`, quiet unless the config names a logger. */
  client(make: () => Transport, config: ConfigWithoutTransport): REST;
}

/** Registers an `afterEach` that force-closes the clients, then closes their transports and the servers. */
export function useHarness(): Harness {
  const servers: RawServer[] = [];
  const clients: REST[] = [];
  const transports: Transport[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close({ force: true })));
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  return {
    serve: async (handler) => {
      const server = await startRawServer(handler);
      servers.push(server);
      return server;
    },
    client: (make, config) => {
      const transport = make();
      transports.push(transport);
      const rest = new REST({ logger: {}, ...config, transport });
      clients.push(rest);
      return rest;
    },
  };
}
