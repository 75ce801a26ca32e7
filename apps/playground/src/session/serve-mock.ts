import { setupServer } from 'msw/node';
import { createMswBridge } from '../bridge/create-msw-bridge.js';
import type { MockApi } from '../mock/index.js';
import type { TransportName } from './session-record.js';

/** The mock, served for one transport. */
export interface ServedMock {
  /** The `baseUrl` to give `REST` (it ends in `/api`; the client adds `/v1`). */
  readonly baseUrl: string;
  /** What the narration calls the target. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Serve the mock's one handler set the way the transport can reach it: in-process interception of global `fetch`
 * (msw `setupServer`) for the fetch transport, a loopback HTTP bridge for undici, which msw cannot intercept.
 */
export async function serveMock(mock: MockApi, transport: TransportName): Promise<ServedMock> {
  if (transport === 'fetch') {
    const server = setupServer(...mock.handlers);
    server.listen({ onUnhandledRequest: 'error' });
    return {
      baseUrl: `${mock.origin}/api`,
      description: `${mock.origin} (msw setupServer, in-process)`,
      close: async () => server.close(),
    };
  }
  const bridge = await createMswBridge(mock.handlers, { origin: mock.origin });
  return {
    baseUrl: `${bridge.url}/api`,
    description: `${bridge.url} (msw bridge over loopback HTTP)`,
    close: () => bridge.close(),
  };
}
