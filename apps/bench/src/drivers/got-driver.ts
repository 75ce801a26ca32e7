import { Agent } from 'node:http';
import got from 'got';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient } from './bench-client.js';
import { httpFailure, MAX_ATTEMPTS, retryAfterMs, waitBeforeRetry } from './rate-limit-retry.js';

/** got on a keep-alive `http.Agent` with the run's pool size, `responseType: 'json'`, its own retry off. */
export const createGotClient: CreateBenchClient = async ({ origin, pool }) => {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: pool.connections,
    timeout: pool.keepAliveTimeoutMs,
  });
  const instance = got.extend({
    prefixUrl: origin + API_PREFIX,
    agent: { http: agent },
    retry: { limit: 0 },
    throwHttpErrors: false,
    responseType: 'json',
  });

  async function send(benchRequest: BenchRequest): Promise<unknown> {
    // got refuses a leading slash with prefixUrl.
    const path = benchRequest.path.slice(1);
    for (let attempt = 1; ; attempt += 1) {
      const response = await instance(path, {
        method: benchRequest.method,
        ...(benchRequest.body === undefined ? {} : { json: benchRequest.body }),
      });
      if (response.statusCode === 429 && attempt < MAX_ATTEMPTS) {
        await waitBeforeRetry(retryAfterMs(response.headers['retry-after']));
        continue;
      }
      if (response.statusCode >= 300) throw httpFailure(response.statusCode, benchRequest.method, path);
      return response.body;
    }
  }

  const client: BenchClient = { send, close: async () => agent.destroy() };
  return client;
};
