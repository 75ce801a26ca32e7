import { type FloorResponse, legacyFloorHandler } from '../drivers/floor-handlers.js';
import { memoryUndici } from './memory-agent.js';

/**
 * The floor driver's GET (its undici 7 handler: status, raw chunks, one `Buffer.concat`, one `JSON.parse`) on the
 * in-memory agent, so the overhead tool can measure the least any client does per request without a socket.
 */
export function createMemoryFloorGet(origin: string, path: string): () => Promise<unknown> {
  const agent = new memoryUndici.Agent();
  const options = { origin, path, method: 'GET', headers: null };
  const exchange = (): Promise<FloorResponse> =>
    new Promise((resolve, reject) => {
      agent.dispatch(options, legacyFloorHandler(resolve, reject));
    });
  return async () => {
    const response = await exchange();
    if (response.status >= 300) throw new Error(`unexpected status ${response.status}`);
    return JSON.parse(response.body.toString('utf8'));
  };
}
