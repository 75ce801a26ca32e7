import { createUndiciTransport } from '@meta/transport/undici';
import type { CreateBenchClient, DriverContext } from './bench-client.js';
import { createRestBenchClient } from './rest-client.js';

function tlsEndpoint(context: DriverContext) {
  if (context.tls === undefined)
    throw new Error('this driver needs the TLS server, which the run did not start');
  return context.tls;
}

/**
 * REST over the undici transport with `allowH2: true` against the TLS server (ALPN picks h2). The pool size is
 * left to the transport: with `allowH2` on undici 7 it keeps one connection that carries every stream, which is
 * the configuration a user gets; 32 concurrent requests fit in its 100 streams.
 */
export const createRestH2Client: CreateBenchClient = async (context) => {
  const { origin, ca } = tlsEndpoint(context);
  return createRestBenchClient(
    origin,
    createUndiciTransport({
      allowH2: true,
      ca,
      keepAliveTimeoutMs: context.pool.keepAliveTimeoutMs,
      connectTimeoutMs: context.pool.connectTimeoutMs,
    }),
  );
};

/** REST over the undici transport, HTTP/1.1 keep-alive over TLS to the same server, with the run's pool size. */
export const createRestHttp1TlsClient: CreateBenchClient = async (context) => {
  const { origin, ca } = tlsEndpoint(context);
  return createRestBenchClient(
    origin,
    createUndiciTransport({
      ca,
      connections: context.pool.connections,
      keepAliveTimeoutMs: context.pool.keepAliveTimeoutMs,
      connectTimeoutMs: context.pool.connectTimeoutMs,
    }),
  );
};
