/**
 * The HTTP/2 ceiling (issue 11): raw clients on the TLS server that show what any client code could reach, so the
 * REST h2 vs HTTP/1.1 ratio can be read against what undici 7 and Node's `http2` cost by themselves.
 */
import { type ClientHttp2Session, connect } from 'node:http2';
import { Agent, request } from 'undici';
import type { TlsEndpoint } from '../server/start-server.js';
import { API_PREFIX } from '../workloads.js';
import type { BenchClient, BenchRequest, CreateBenchClient, DriverContext } from './bench-client.js';

/** What the transport sets for undici 7 with `allowH2`: one connection per origin, up to 100 streams on it. */
const H2_STREAMS_PER_SESSION = 100;

function tlsEndpoint(context: DriverContext): TlsEndpoint {
  if (context.tls === undefined)
    throw new Error('this driver needs the TLS server, which the run did not start');
  return context.tls;
}

function onlyGet(benchRequest: BenchRequest): void {
  if (benchRequest.method !== 'GET') throw new Error('the HTTP/2 ceiling drivers only send GETs');
}

function rawUndiciClient(tls: TlsEndpoint, agent: Agent): BenchClient {
  const prefix = tls.origin + API_PREFIX;
  return {
    async send(benchRequest) {
      onlyGet(benchRequest);
      const response = await request(prefix + benchRequest.path, { dispatcher: agent });
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw new Error(`GET ${benchRequest.path} answered ${response.statusCode}`);
      }
      return response.body.json();
    },
    close: () => agent.close(),
  };
}

/** Raw `undici.request`, HTTP/1.1 keep-alive over TLS with the run's pool: the anchor of the h2 ceiling. */
export const createUndiciTlsClient: CreateBenchClient = async (context) => {
  const tls = tlsEndpoint(context);
  const agent = new Agent({
    connections: context.pool.connections,
    keepAliveTimeout: context.pool.keepAliveTimeoutMs,
    connect: { ca: tls.ca, timeout: context.pool.connectTimeoutMs },
  });
  return rawUndiciClient(tls, agent);
};

/** Raw `undici.request` with `allowH2` and the pool the transport builds for it on undici 7. */
export const createUndiciH2Client: CreateBenchClient = async (context) => {
  const tls = tlsEndpoint(context);
  const agent = new Agent({
    allowH2: true,
    connections: 1,
    pipelining: H2_STREAMS_PER_SESSION,
    keepAliveTimeout: context.pool.keepAliveTimeoutMs,
    connect: { ca: tls.ca, timeout: context.pool.connectTimeoutMs },
  });
  return rawUndiciClient(tls, agent);
};

/**
 * The least an HTTP/2 client can do: `sessions` `node:http2` sessions used in turn, `session.request()` per GET,
 * chunks collected, one `Buffer.concat` and one `JSON.parse`. No deadline, abort, size limit, decoding or error
 * mapping.
 */
function nodeHttp2Client(tls: TlsEndpoint, sessions: number): BenchClient {
  const open: (ClientHttp2Session | undefined)[] = Array.from({ length: sessions }, () => undefined);
  let next = 0;
  const session = (): ClientHttp2Session => {
    const index = next++ % sessions;
    let current = open[index];
    if (current === undefined || current.closed || current.destroyed) {
      current = connect(tls.origin, { ca: tls.ca });
      // A session error fails the requests in flight through their streams; the next send reconnects.
      current.on('error', () => {});
      open[index] = current;
    }
    return current;
  };
  const send = (benchRequest: BenchRequest): Promise<unknown> =>
    new Promise((resolve, reject) => {
      onlyGet(benchRequest);
      const stream = session().request({ ':method': 'GET', ':path': API_PREFIX + benchRequest.path });
      const chunks: Buffer[] = [];
      let status = 0;
      stream.on('response', (headers) => {
        status = Number(headers[':status']);
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => {
        if (status !== 200) reject(new Error(`GET ${benchRequest.path} answered ${status}`));
        else resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      });
    });
  const closeOne = (current: ClientHttp2Session | undefined) =>
    new Promise<void>((resolve) => {
      if (current === undefined || current.closed) resolve();
      else current.close(() => resolve());
    });
  return { send, close: async () => void (await Promise.all(open.map(closeOne))) };
}

/** One bare `node:http2` session carrying all the streams, as undici 7 does with `allowH2`. */
export const createNodeHttp2Client: CreateBenchClient = async (context) =>
  nodeHttp2Client(tlsEndpoint(context), 1);

/** Four bare `node:http2` sessions used in turn: whether spreading the streams helps on 2 cores. */
export const createNodeHttp2FourSessionsClient: CreateBenchClient = async (context) =>
  nodeHttp2Client(tlsEndpoint(context), 4);
