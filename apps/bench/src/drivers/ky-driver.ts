import ky from 'ky';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient } from './bench-client.js';
import { httpFailure, MAX_ATTEMPTS, retryAfterMs, waitBeforeRetry } from './rate-limit-retry.js';

/** ky over global `fetch`, its own retry and timeout off. */
export const createKyClient: CreateBenchClient = async ({ origin }) => {
  const instance = ky.create({
    prefixUrl: origin + API_PREFIX,
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
  });

  async function send(benchRequest: BenchRequest): Promise<unknown> {
    // ky refuses a leading slash with prefixUrl.
    const path = benchRequest.path.slice(1);
    for (let attempt = 1; ; attempt += 1) {
      const response = await instance(path, {
        method: benchRequest.method,
        ...(benchRequest.body === undefined ? {} : { json: benchRequest.body }),
      });
      if (response.status === 429 && attempt < MAX_ATTEMPTS) {
        await response.arrayBuffer();
        await waitBeforeRetry(retryAfterMs(response.headers.get('retry-after')));
        continue;
      }
      if (!response.ok) {
        await response.arrayBuffer();
        throw httpFailure(response.status, benchRequest.method, path);
      }
      return response.json();
    }
  }

  const client: BenchClient = { send, close: async () => {} };
  return client;
};
