import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient } from './bench-client.js';
import { httpFailure, MAX_ATTEMPTS, retryAfterMs, waitBeforeRetry } from './rate-limit-retry.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** Raw global `fetch` (Node's bundled undici, its default global dispatcher), body parsed with `json()`. */
export const createFetchClient: CreateBenchClient = async ({ origin }) => {
  const prefix = origin + API_PREFIX;

  async function send(benchRequest: BenchRequest): Promise<unknown> {
    const body = benchRequest.body === undefined ? undefined : JSON.stringify(benchRequest.body);
    const init: RequestInit =
      body === undefined
        ? { method: benchRequest.method }
        : { method: benchRequest.method, headers: JSON_HEADERS, body };
    for (let attempt = 1; ; attempt += 1) {
      const response = await fetch(prefix + benchRequest.path, init);
      if (response.status === 429 && attempt < MAX_ATTEMPTS) {
        await response.arrayBuffer();
        await waitBeforeRetry(retryAfterMs(response.headers.get('retry-after')));
        continue;
      }
      if (!response.ok) {
        await response.arrayBuffer();
        throw httpFailure(response.status, benchRequest.method, benchRequest.path);
      }
      return response.json();
    }
  }

  const client: BenchClient = { send, close: async () => {} };
  return client;
};
