import { Agent } from 'node:http';
import axios from 'axios';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient } from './bench-client.js';
import { httpFailure, MAX_ATTEMPTS, retryAfterMs, waitBeforeRetry } from './rate-limit-retry.js';

/** axios on a keep-alive `http.Agent` with the run's pool size; axios parses JSON itself. */
export const createAxiosClient: CreateBenchClient = async ({ origin, pool }) => {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: pool.connections,
    timeout: pool.keepAliveTimeoutMs,
  });
  const instance = axios.create({
    baseURL: origin + API_PREFIX,
    httpAgent: agent,
    validateStatus: () => true,
  });

  async function send(benchRequest: BenchRequest): Promise<unknown> {
    for (let attempt = 1; ; attempt += 1) {
      const response = await instance.request({
        method: benchRequest.method,
        url: benchRequest.path,
        data: benchRequest.body,
      });
      if (response.status === 429 && attempt < MAX_ATTEMPTS) {
        await waitBeforeRetry(retryAfterMs(response.headers['retry-after'] as string | undefined));
        continue;
      }
      if (response.status >= 300) throw httpFailure(response.status, benchRequest.method, benchRequest.path);
      return response.data;
    }
  }

  const client: BenchClient = {
    send,
    close: async () => agent.destroy(),
  };
  return client;
};
