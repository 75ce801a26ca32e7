import { isNetworkError, isTimeoutError, type NetworkError, type TimeoutError } from '@meta/errors';
import { createFetchTransport } from '@meta/transport';
import { expect, test } from 'vitest';

test('cancel() resolves at once even when the body is a tee whose other branch is never read', async () => {
  // MSW's setupServer answers with one branch of a tee'd body and keeps the other; a cancel that waited for the
  // stream to settle would hang until both branches were cancelled, and so would every retry behind it.
  let otherBranch: ReadableStream<Uint8Array> | undefined;
  const transport = createFetchTransport({
    fetch: async () => {
      const source = new Response('{"code":401,"message":"Token expired"}').body!;
      const [mine, theirs] = source.tee();
      otherBranch = theirs;
      return new Response(mine, { status: 401, headers: { 'content-type': 'application/json' } });
    },
  });
  const response = await transport.send({
    method: 'GET',
    url: 'http://api.test/api/v1/tables',
    headers: {},
  });
  const outcome = await Promise.race([
    response.cancel().then(() => 'cancelled'),
    new Promise((resolve) => setTimeout(resolve, 5_000, 'hung')),
  ]);
  expect(outcome).toBe('cancelled');
  expect(response.bodyUsed).toBe(true);
  await otherBranch?.cancel();
  await transport.close();
});

test('a port fetch refuses (1, 10080) is a NetworkError ERR_FORBIDDEN_PORT, not retryable, and nothing is fetched', async () => {
  let calls = 0;
  const transport = createFetchTransport({
    fetch: async () => {
      calls++;
      return new Response('unreachable');
    },
  });
  for (const url of ['http://127.0.0.1:1/x', 'http://127.0.0.1:10080/x']) {
    const error = await transport
      .send({ method: 'GET', url, headers: {} })
      .catch((caught: unknown) => caught);
    expect(isNetworkError(error), String(error)).toBe(true);
    expect((error as NetworkError).code).toBe('ERR_FORBIDDEN_PORT');
    expect((error as NetworkError).retryable).toBe(false);
  }
  expect(calls).toBe(0);
  // The global fetch refuses the same way before any connection.
  const global = await createFetchTransport()
    .send({ method: 'GET', url: 'http://127.0.0.1:10080/x', headers: {} })
    .catch((caught: unknown) => caught);
  expect((global as NetworkError).code).toBe('ERR_FORBIDDEN_PORT');
});

test('a Response.error() (status 0) is a NetworkError, never a response with status 0', async () => {
  const transport = createFetchTransport({ fetch: async () => Response.error() });
  const error = await transport
    .send({ method: 'GET', url: 'http://api.test/x', headers: {} })
    .catch((caught: unknown) => caught);
  expect(isNetworkError(error), String(error)).toBe(true);
  expect((error as NetworkError).code).toBe('ERR_NETWORK');
});

test('an opaque-redirect response (status 0) comes back marked opaqueRedirect, so REST can say why', async () => {
  // Browsers answer a 3xx fetched with redirect: "manual" this way: no status, no headers, no Location.
  const opaque = {
    status: 0,
    statusText: '',
    type: 'opaqueredirect',
    headers: new Headers(),
    body: null,
  } as unknown as Response;
  const transport = createFetchTransport({ fetch: async () => opaque });
  const response = await transport.send({ method: 'GET', url: 'http://api.test/x', headers: {} });
  expect(response.status).toBe(0);
  expect(response.opaqueRedirect).toBe(true);
  expect(await response.text()).toBe('');
});

test('a body reader that never settles and ignores abort still fails at the deadline (issue 12.1)', async () => {
  // Node 20's fetch ignores abort() while its decoder is stuck on a corrupt gzip stream: the platform promise
  // never settles, so the transport must settle the call itself.
  const stuck = new ReadableStream<Uint8Array>({
    pull: () => new Promise<void>(() => undefined),
  });
  const transport = createFetchTransport({ fetch: async () => new Response(stuck, { status: 200 }) });
  const response = await transport.send({
    method: 'GET',
    url: 'http://api.test/x',
    headers: {},
    timeoutMs: 200,
  });
  const error = await response.text().catch((caught: unknown) => caught);
  expect(isTimeoutError(error), String(error)).toBe(true);
  expect((error as TimeoutError).phase).toBe('body');
});

test('a fetch that never settles and ignores abort still fails at the deadline, in the headers phase', async () => {
  const transport = createFetchTransport({ fetch: () => new Promise<Response>(() => undefined) });
  const error = await transport
    .send({ method: 'GET', url: 'http://api.test/x', headers: {}, timeoutMs: 200 })
    .catch((caught: unknown) => caught);
  expect(isTimeoutError(error), String(error)).toBe(true);
  expect((error as TimeoutError).phase).toBe('headers');
});

test('an abort while a stuck body reader ignores it rejects the read with the reason as-is', async () => {
  const stuck = new ReadableStream<Uint8Array>({ pull: () => new Promise<void>(() => undefined) });
  const transport = createFetchTransport({ fetch: async () => new Response(stuck, { status: 200 }) });
  const controller = new AbortController();
  const response = await transport.send({
    method: 'GET',
    url: 'http://api.test/x',
    headers: {},
    signal: controller.signal,
  });
  const reading = response.text().catch((caught: unknown) => caught);
  const reason = new Error('caller gave up');
  controller.abort(reason);
  expect(await reading).toBe(reason);
});
