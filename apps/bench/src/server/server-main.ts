/**
 * Child-process entry of the loopback server: node:http with keep-alive, bound to 127.0.0.1 on port 0. Sends
 * `{ type: 'listening', port }` to the parent over IPC and exits when the parent says `close` or disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildPayloads } from './payloads.js';
import { createRouteHandler } from './route-handler.js';

const server = createServer({ keepAlive: true }, createRouteHandler(buildPayloads()));
// Long idle timeouts: a driver waiting its turn in the round keeps its pooled sockets, so no round pays for
// reconnecting because another driver ran first.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 125_000;
server.requestTimeout = 0;
server.maxRequestsPerSocket = 0;

let served = 0;
server.on('request', () => {
  served += 1;
});

function shutdown(): void {
  server.closeAllConnections();
  server.close(() => process.exit(0));
}

server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: 'listening', port });
});

process.on('message', (message: { type?: string }) => {
  if (message.type === 'stats') process.send?.({ type: 'stats', served, cpu: process.cpuUsage() });
  if (message.type === 'close') shutdown();
});
process.on('disconnect', shutdown);
