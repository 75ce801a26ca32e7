import { createFetchTransport } from '@meta/transport';
import type { CreateBenchClient } from './bench-client.js';
import { createRestBenchClient } from './rest-client.js';

/**
 * REST over `createFetchTransport` (global fetch looked up per call), compared with raw global fetch. Note that
 * `@meta/rest` itself loads npm undici in Node (its default transport), which makes undici 7's Agent the global
 * fetch dispatcher; `fetch-undici7` is raw fetch on that same dispatcher.
 */
export const createRestFetchClient: CreateBenchClient = async ({ origin }) =>
  createRestBenchClient(origin, createFetchTransport());
