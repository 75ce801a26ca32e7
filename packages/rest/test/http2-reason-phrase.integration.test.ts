import { createSecureServer, type Http2SecureServer, type ServerHttp2Session } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { isAPIError } from '@meta/errors';
import { createUndiciTransport } from '@meta/transport/undici';
import { createTestCertificates } from '@meta/transport-conformance';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REST } from '../src/index.js';

// HTTP/2 has no reason phrase on the wire; the undici transport fills in the standard one, so an APIError reads
// the same over HTTP/2 as over HTTP/1.1 (the table lives in @meta/transport since @meta/errors stopped carrying it).
let server: Http2SecureServer;
let origin: string;
let ca: string;
const sessions = new Set<ServerHttp2Session>();

beforeAll(async () => {
  const certificates = createTestCertificates();
  ca = certificates.ca;
  server = createSecureServer({ ...certificates.valid });
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream) => {
    stream.respond({ ':status': 404, 'content-type': 'text/plain' });
    stream.end('no such table');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  for (const session of sessions) session.destroy();
  await new Promise((resolve) => server.close(resolve));
});

test('a 404 over HTTP/2 (no reason phrase on the wire) reads "404 Not Found for GET <url>" on the undici transport', async () => {
  const transport = createUndiciTransport({ allowH2: true, ca });
  try {
    await using rest = new REST({ baseUrl: `${origin}/api`, transport, retry: 0 });
    const error = await rest.get('/tables/x').catch((caught: unknown) => caught);
    expect(isAPIError(error)).toBe(true);
    if (!isAPIError(error)) return;
    expect(error.response?.statusText).toBe('Not Found');
    expect(error.message).toBe(`404 Not Found for GET ${origin}/api/v1/tables/x`);
  } finally {
    await transport.close();
  }
});
