import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createFetchTransport } from '@meta/transport';
import { afterEach, expect, test } from 'vitest';

let server: Server | undefined;

afterEach(async () => {
  server?.close();
  server = undefined;
});

/** A raw server answering every request with `head` (status line and headers) and `body`. */
async function rawServer(head: string, body: Buffer): Promise<string> {
  server = createServer((socket) => {
    socket.once('data', () => {
      socket.end(
        Buffer.concat([Buffer.from(`${head}Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address() as { port: number };
  return `http://127.0.0.1:${address.port}/headers`;
}

test("headers read from the wire's raw list answer as fetch's Headers would: any case, repeated, Set-Cookie", async () => {
  const url = await rawServer(
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Many: a\r\nx-many: b\r\n' +
      'Set-Cookie: one=1; Path=/\r\nSet-Cookie: two=2\r\nX-Latin: caf\xe9\r\nConnection: close\r\n',
    Buffer.from('{"ok":true}'),
  );
  const transport = createFetchTransport();
  // Twice: the first request of a process gives fetch a signal, later ones go through the trusted wire only.
  for (let round = 0; round < 2; round++) {
    const response = await transport.send({ method: 'GET', url, headers: {} });
    const { headers } = response;
    expect(headers.get('CONTENT-TYPE')).toBe('application/json');
    expect(headers.has('content-type')).toBe(true);
    expect(headers.has('x-missing')).toBe(false);
    expect(headers.get('x-missing')).toBeNull();
    expect(headers.get('X-Many')).toBe('a, b');
    expect(headers.getAll('x-many')).toEqual(['a', 'b']);
    expect(headers.getAll('set-cookie')).toEqual(['one=1; Path=/', 'two=2']);
    expect(headers.get('x-latin')).toBe('caf\xe9');
    expect(headers.get('content-length')).toBe('11');
    expect(headers.toRecord()).toMatchObject({ 'x-many': 'a, b', 'set-cookie': 'one=1; Path=/, two=2' });
    expect(await response.json()).toEqual({ ok: true });
  }
  await transport.close();
});

test('a Content-Encoding the wire decodes is shown as received in every view of the headers', async () => {
  const body = gzipSync(Buffer.from(JSON.stringify({ items: 'x'.repeat(1000) })));
  const url = await rawServer(
    'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\nConnection: close\r\n',
    body,
  );
  const transport = createFetchTransport();
  const response = await transport.send({ method: 'GET', url, headers: {} });
  expect(response.headers.get('content-encoding')).toBe('gzip');
  expect(response.headers.has('Content-Encoding')).toBe(true);
  expect(response.headers.toRecord()['content-encoding']).toBe('gzip');
  expect([...response.headers].filter(([name]) => name === 'content-encoding')).toEqual([
    ['content-encoding', 'gzip'],
  ]);
  // The declared length counts coded bytes; the decoded body is longer and must not be cut to it.
  expect(((await response.json()) as { items: string }).items).toHaveLength(1000);
  await transport.close();
});
