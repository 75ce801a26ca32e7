import type { CreateBenchClient } from './bench-client.js';
import { createFetchClient } from './fetch-driver.js';

/**
 * Raw global `fetch` after `import 'undici'`: loading npm undici 7 installs its own `Agent` as Node's global
 * dispatcher (undici's lib/global.js does so on load when none is set), and `@meta/rest` loads it in Node
 * through its default undici transport. This driver shows what that swap alone costs global fetch, so the
 * REST-over-fetch ratio can be read as the REST layer's cost on the same dispatcher.
 */
export const createFetchOnNpmUndiciClient: CreateBenchClient = async (context) => {
  await import('undici');
  return createFetchClient(context);
};
