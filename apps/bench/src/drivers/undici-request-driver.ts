import { Agent, request } from 'undici';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient } from './bench-client.js';
import { httpFailure, MAX_ATTEMPTS, retryAfterMs, waitBeforeRetry } from './rate-limit-retry.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

/** The anchor: raw `undici.request` on an Agent with the run's pool settings, body parsed with `body.json()`. */
export const createUndiciRequestClient: CreateBenchClient = async ({ origin, pool }) => {
  const agent = new Agent({
    connections: pool.connections,
    keepAliveTimeout: pool.keepAliveTimeoutMs,
    connect: { timeout: pool.connectTimeoutMs },
  });
  const prefix = origin + API_PREFIX;

  async function send(benchRequest: BenchRequest): Promise<unknown> {
    const options =
      benchRequest.body === undefined
        ? { method: benchRequest.method, dispatcher: agent }
        : {
            method: benchRequest.method,
            headers: JSON_HEADERS,
            body: JSON.stringify(benchRequest.body),
            dispatcher: agent,
          };
    for (let attempt = 1; ; attempt += 1) {
      const response = await request(prefix + benchRequest.path, options);
      if (response.statusCode === 429 && attempt < MAX_ATTEMPTS) {
        await response.body.dump();
        await waitBeforeRetry(retryAfterMs(response.headers['retry-after']));
        continue;
      }
      if (response.statusCode >= 300) {
        await response.body.dump();
        throw httpFailure(response.statusCode, benchRequest.method, benchRequest.path);
      }
      return response.body.json();
    }
  }

  const client: BenchClient = { send, close: () => agent.close() };
  return client;
};
