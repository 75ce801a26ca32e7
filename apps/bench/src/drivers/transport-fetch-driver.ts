import { createFetchTransport } from '@meta/transport';
import { sealRequestHeaders } from '@meta/transport/adapter';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient } from './bench-client.js';

/** REST's default request headers (without a token), sealed once as REST seals its own. */
const HEADERS = sealRequestHeaders({ 'user-agent': 'meta-rest-bench', accept: 'application/json' });
const JSON_HEADERS = sealRequestHeaders({ ...HEADERS, 'content-type': 'application/json' });

/**
 * The fetch transport alone, without REST's pipeline: what `rest-fetch` costs over raw fetch, split between the
 * transport (this driver / `fetch`) and REST's own pipeline (`rest-fetch` / this driver). Same deadline per
 * request as REST's default `timeoutMs`, so the timer is paid as REST pays it. No retries (GET routes only).
 */
export const createTransportFetchClient: CreateBenchClient = async ({ origin }) => {
  const prefix = origin + API_PREFIX;
  const transport = createFetchTransport();
  async function send(benchRequest: BenchRequest): Promise<unknown> {
    const body = benchRequest.body === undefined ? undefined : JSON.stringify(benchRequest.body);
    const response = await transport.send({
      method: benchRequest.method,
      url: prefix + benchRequest.path,
      headers: body === undefined ? HEADERS : JSON_HEADERS,
      ...(body === undefined ? {} : { body }),
      timeoutMs: 30_000,
    });
    if (response.status >= 300) {
      await response.cancel();
      throw new Error(`${benchRequest.method} ${benchRequest.path}: ${response.status}`);
    }
    return response.json();
  }
  const client: BenchClient = { send, close: () => transport.close() };
  return client;
};
