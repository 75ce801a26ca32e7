/*
 * Round-2 audit, bodies (SPEC 3.2, 3.8 "data"): every kind of bytes and JSON a caller may pass, on both real
 * transports against one loopback server. The same input must reach the wire the same way on undici and fetch,
 * or fail the same way with a ConfigError naming `data` before any connection opens.
 */
import { type ConfigError, isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { useLoopbackServer } from './helpers/loopback-server.js';

const server = useLoopbackServer((_request, response) => response.writeHead(204).end());

function clientOn(kind: (typeof TRANSPORT_KINDS)[number]) {
  return createClient(kind, { baseUrl: `${server.origin}/api`, retry: 0 });
}

/** What the server received for the one request of a test: content type and body text. */
function received(): { contentType: string | undefined; length: string | undefined; body: string } {
  expect(server.requests).toHaveLength(1);
  const [request] = server.requests;
  return {
    contentType: request!.headers['content-type'],
    length: request!.headers['content-length'],
    body: request!.body,
  };
}

async function configErrorOfCall(call: Promise<unknown>): Promise<ConfigError> {
  const error = await rejectionOf(call);
  if (!isConfigError(error)) throw error;
  return error;
}

/** A buffer transferred away (as `postMessage` to a worker does), and a view made on it before that. */
function detached(): { buffer: ArrayBuffer; view: Uint8Array } {
  const buffer = new ArrayBuffer(4);
  const view = new Uint8Array(buffer, 1);
  structuredClone(buffer, { transfer: [buffer] });
  return { buffer, view };
}

test.each(TRANSPORT_KINDS)('a Uint8Array on a SharedArrayBuffer is sent byte for byte (%s)', async (kind) => {
  const client = clientOn(kind);
  const shared = new Uint8Array(new SharedArrayBuffer(6));
  shared.set([0x5b, 0x31, 0x2c, 0x32, 0x5d, 0x0a]);
  await client.post('/bytes', shared.subarray(0, 5));
  expect(received()).toEqual({ contentType: 'application/octet-stream', length: '5', body: '[1,2]' });
  await client.close();
});

test.each(TRANSPORT_KINDS)('a resizable ArrayBuffer and a view on one are sent (%s)', async (kind) => {
  const client = clientOn(kind);
  // ES2024's resizable ArrayBuffer (Node 20 has it; the compiler's ES2023 lib does not declare the option).
  const Resizable = ArrayBuffer as unknown as new (
    length: number,
    options: { maxByteLength: number },
  ) => ArrayBuffer;
  const resizable = new Resizable(3, { maxByteLength: 16 });
  new Uint8Array(resizable).set([0x61, 0x62, 0x63]);
  await client.put('/bytes', resizable);
  expect(received().body).toBe('abc');
  server.requests.length = 0;
  await client.put('/bytes', new Uint8Array(resizable, 1));
  expect(received().body).toBe('bc');
  await client.close();
});

test.each(TRANSPORT_KINDS)(
  'a detached ArrayBuffer, or a view on one, is a ConfigError naming data; nothing is sent (%s)',
  async (kind) => {
    const client = clientOn(kind);
    for (const data of [detached().buffer, detached().view]) {
      const error = await configErrorOfCall(client.post('/bytes', data));
      expect(error.field).toBe('data');
      expect(error.cause).toBeInstanceOf(TypeError);
    }
    expect(server.requests).toHaveLength(0);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a Buffer slice from the shared pool sends only its own bytes, never its neighbours (%s)',
  async (kind) => {
    const client = clientOn(kind);
    const pooled = Buffer.from('secret-neighbour|payload|secret-neighbour');
    await client.patch('/bytes', pooled.subarray(17, 24));
    expect(received()).toEqual({ contentType: 'application/octet-stream', length: '7', body: 'payload' });
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'DataView, Uint16Array and a bare SharedArrayBuffer are ConfigErrors naming data (%s)',
  async (kind) => {
    const client = clientOn(kind);
    for (const data of [new DataView(new ArrayBuffer(2)), new Uint16Array([1]), new SharedArrayBuffer(2)]) {
      expect((await configErrorOfCall(client.post('/bytes', data))).field).toBe('data');
    }
    expect(server.requests).toHaveLength(0);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a BigInt, a cycle or a throwing toJSON inside JSON data is a ConfigError naming data with the cause (%s)',
  async (kind) => {
    const client = clientOn(kind);
    const cyclic: Record<string, unknown> = { name: 'orders' };
    cyclic.self = cyclic;
    const failing = new Error('toJSON failed');
    const throwing = {
      toJSON() {
        throw failing;
      },
    };
    for (const [data, cause] of [
      [{ rows: 1n }, TypeError],
      [[cyclic], TypeError],
      [{ nested: throwing }, Error],
    ] as const) {
      const error = await configErrorOfCall(client.put('/tables', data));
      expect(error.field).toBe('data');
      expect(error.cause).toBeInstanceOf(cause);
    }
    expect(server.requests).toHaveLength(0);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'JSON semantics: toJSON is used, functions and symbols inside objects are dropped (%s)',
  async (kind) => {
    const client = clientOn(kind);
    await client.post('/tables', {
      owner: { toJSON: () => 'team-a' },
      callback: () => 1,
      marker: Symbol('x'),
      name: 'orders',
    });
    expect(received()).toMatchObject({
      contentType: 'application/json',
      body: '{"owner":"team-a","name":"orders"}',
    });
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'null or undefined data sends no body and no Content-Type; an empty string is an empty JSON-labelled body (%s)',
  async (kind) => {
    const client = clientOn(kind);
    await client.put('/tables/1', null);
    expect(received()).toEqual({ contentType: undefined, length: '0', body: '' });
    server.requests.length = 0;
    await client.post('/tables', undefined);
    expect(received()).toEqual({ contentType: undefined, length: '0', body: '' });
    server.requests.length = 0;
    await client.patch('/tables/1', '');
    expect(received()).toEqual({ contentType: 'application/json-patch+json', length: '0', body: '' });
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'GET data and query are appended after a query already in the path, in that order (%s)',
  async (kind) => {
    const client = clientOn(kind);
    await client.get(
      '/tables?fields=owners&deleted',
      { limit: 10, tags: ['a', 'b'], skip: null },
      {
        query: { include: 'all', limit: 20 },
      },
    );
    expect(server.requests[0]!.path).toBe(
      '/api/v1/tables?fields=owners&deleted&limit=10&tags=a&tags=b&include=all&limit=20',
    );
    await client.close();
  },
);
