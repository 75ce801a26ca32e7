/**
 * Child-process entry of the loopback servers, bound to 127.0.0.1 on port 0: `node:http` with keep-alive, and with
 * the `tls` argument also `http2.createSecureServer({ allowHTTP1: true })` on a certificate from a CA generated
 * for this run, serving the same routes. Sends `{ type: 'listening', port, tlsPort?, ca? }` to the parent over
 * IPC and exits when the parent says `close` or disconnects.
 */
import { createServer } from 'node:http';
import { createSecureServer, type Http2SecureServer } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { buildPayloads } from './payloads.js';
import { createRouteHandler } from './route-handler.js';
import { generateTestCertificates } from './test-certificates.js';

const handler = createRouteHandler(buildPayloads());
const server = createServer({ keepAlive: true }, handler);
// Long idle timeouts: a driver waiting its turn in the round keeps its pooled sockets, so no round pays for
// reconnecting because another driver ran first.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.requestTimeout = 0;
server.maxRequestsPerSocket = 0;

/** Requests served, by server and protocol: the report shows that h2 was really negotiated. */
const served = { http: 0, tlsHttp1: 0, tlsHttp2: 0 };
server.on('request', () => {
  served.http += 1;
});

function startTlsServer(): { tlsServer: Http2SecureServer; ca: string } {
  const certificates = generateTestCertificates();
  const tlsServer = createSecureServer(
    {
      key: certificates.key,
      cert: certificates.cert,
      allowHTTP1: true,
      settings: { maxConcurrentStreams: 256 },
    },
    handler,
  );
  tlsServer.on('request', (request: { httpVersionMajor: number }) => {
    if (request.httpVersionMajor === 2) served.tlsHttp2 += 1;
    else served.tlsHttp1 += 1;
  });
  return { tlsServer, ca: certificates.ca };
}

const tls = process.argv.includes('tls') ? startTlsServer() : undefined;

function listen(target: { listen(port: number, host: string, done: () => void): unknown }): Promise<void> {
  return new Promise((resolve) => target.listen(0, '127.0.0.1', resolve));
}

function shutdown(): void {
  server.closeAllConnections();
  tls?.tlsServer.close();
  server.close(() => process.exit(0));
  // HTTP/2 sessions may hold the TLS server open; the parent is gone or done, so do not wait for them.
  setTimeout(() => process.exit(0), 1_000).unref();
}

async function main(): Promise<void> {
  await listen(server);
  if (tls !== undefined) await listen(tls.tlsServer);
  process.send?.({
    type: 'listening',
    port: (server.address() as AddressInfo).port,
    tlsPort: tls === undefined ? undefined : (tls.tlsServer.address() as AddressInfo).port,
    ca: tls?.ca,
  });
}

process.on('message', (message: { type?: string }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', served, cpu: process.cpuUsage() });
  if (message.type === 'close') shutdown();
});
process.on('disconnect', shutdown);
void main();
