import { test } from 'vitest';
import { createClient, rejectionOf } from '/work/main/packages/rest/test/hardening/clients.js';
import { startFaultServer, respondJson } from '/work/main/packages/rest/test/hardening/fault-server.js';
test('debug', async () => {
  const server = await startFaultServer();
  for (const kind of ['undici', 'fetch'] as const) {
    server.reset();
    server.fault = (_request, socket) => socket.end(`HTTP/1.1 200 OK\r\ncontent-length: 2\r\ntransfer-encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`);
    const rest = createClient(kind, { baseUrl: server.origin, retry: 0, sleep: async () => {} });
    const error: any = await rejectionOf(rest.get('/x'));
    console.log(kind, error.name, error.code, error.beforeResponse, error.message, error.cause?.code, error.cause?.cause?.code, error.cause?.name);
    server.reset();
    server.fault = (request, socket) => respondJson(socket, 200, { n: server.requests.length });
    await rest.get('/a'); await new Promise((r) => setTimeout(r, 20)); await rest.get('/b');
    console.log(kind, server.requests.map((r) => [r.connection, r.indexOnConnection, JSON.stringify(r.headers)]));
    await rest.close();
  }
  await server.close();
});
