import { createFetchTransport, type Transport } from '@meta/transport';
import { sealRequestHeaders } from '@meta/transport/adapter';
import { createUndiciTransport } from '@meta/transport/undici';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient } from './bench-client.js';

/** REST's default request headers (without a token), sealed once as REST seals its own. */
const HEADERS = sealRequestHeaders({ 'user-agent': 'meta-rest-bench', accept: 'application/json' });
const JSON_HEADERS = sealRequestHeaders({ ...HEADERS, 'content-type': 'application/json' });

/**
 * A transport alone, without REST's pipeline: what REST costs over a raw client, split between the transport
 * (this driver / the raw client) and REST's own pipeline (REST / this driver). Same deadline per request as
 * REST's default `timeoutMs`, so the timer is paid as REST pays it. No retries (GET routes only).
 */
function createTransportAloneClient(origin: string, transport: Transport): BenchClient {
  const prefix = origin + API_PREFIX;
  async function send(benchRequest: BenchRequest): Promise<unknown> {
    const body = benchRequest.body === undefined ? undefined : JSON.stringify(benchRequest.body);
    const response = await transport.send({
      method: benchRequest.method,
      url: prefix + benchRequest.path,
      headers: body === undefined ? HEADERS : JSON_HEADERS,
      ...(body === undefined ? {} : { body }),
      timeoutMs: 300_000,
    });
    if (response.status >= 300) {
      await response.cancel();
      throw new Error(`${benchRequest.method} ${benchRequest.path}: ${response.status}`);
    }
    return response.json();
  }
  return { send, close: () => transport.close() };
}

/** The fetch transport alone: `rest-fetch` / this is REST's pipeline, this / `fetch` the transport's cost. */
export const createTransportFetchClient: CreateBenchClient = async ({ origin }) =>
  createTransportAloneClient(origin, createFetchTransport());

/** The undici transport alone, on the same pool as `rest-undici`: this / `floor` is the transport's cost. */
export const createTransportUndiciClient: CreateBenchClient = async ({ origin, pool }) =>
  createTransportAloneClient(
    origin,
    createUndiciTransport({
      connections: pool.connections,
      keepAliveTimeoutMs: pool.keepAliveTimeoutMs,
      connectTimeoutMs: pool.connectTimeoutMs,
    }),
  );
