import { afterAll, afterEach, beforeAll } from 'vitest';
import type { ClientConfig, REST } from '../../src/index.js';
import { createFakeTime } from '../helpers/fake-time.js';
import { createClient, type TransportKind } from './clients.js';
import { type FaultServer, startFaultServer } from './fault-server.js';

/**
 * How the clients a test made are closed after it: `graceful` lets in-flight exchanges finish (a test that leaves
 * one hanging then fails the suite by timing out), `forced` aborts them (for files whose tests leave stalled
 * exchanges behind on purpose).
 */
export type ClientCloseMode = 'graceful' | 'forced';

/** One fault server for a test file, the clients its tests made, and the file's standard client. */
export interface FaultSuite {
  /** The file's fault server (started before the first test, reset after each, closed after the last). */
  readonly server: FaultServer;
  /**
   * A client on `kind` against the fault server with injected clock and sleep (no real backoff), a quiet
   * logger, `retry: 2`, `retryWait: 1` and a 5 s per-attempt deadline; `overrides` win. Closed after the test.
   */
  clientFor(kind: TransportKind, overrides?: Partial<ClientConfig>): { rest: REST; sleeps: number[] };
  /** Close `client` after the current test, like the clients `clientFor` makes; returns it. */
  track<Client extends REST>(client: Client): Client;
}

/**
 * Registers the file-level hooks of a fault-server test file: start one server before all tests; after each, close
 * every client the test made (per `closeMode`) and reset the server; after all, close the server. Call it once at
 * the top level of the test file.
 */
export function useFaultSuite(closeMode: ClientCloseMode): FaultSuite {
  let server: FaultServer | undefined;
  const clients: REST[] = [];

  beforeAll(async () => {
    server = await startFaultServer();
  });

  afterEach(async () => {
    const closing = clients.splice(0);
    await Promise.all(
      closing.map((client) => (closeMode === 'forced' ? client.close({ force: true }) : client.close())),
    );
    server?.reset();
  });

  afterAll(async () => {
    await server?.close();
  });

  const suite: FaultSuite = {
    get server() {
      if (server === undefined) throw new Error('the fault server starts in beforeAll: use it inside a test');
      return server;
    },
    clientFor(kind, overrides = {}) {
      const time = createFakeTime();
      const rest = createClient(kind, {
        baseUrl: `${suite.server.origin}/api`,
        retry: 2,
        retryWait: 1,
        timeoutMs: 5000,
        clock: time.clock,
        sleep: time.sleep,
        logger: {},
        ...overrides,
      });
      return { rest: suite.track(rest), sleeps: time.sleeps };
    },
    track(client) {
      clients.push(client);
      return client;
    },
  };
  return suite;
}
