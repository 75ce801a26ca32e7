import { getEventListeners } from 'node:events';
import {
  ClientClosedError,
  createRedactor,
  isNetworkError,
  isResponseParseError,
  isResponseTooLargeError,
  isTimeoutError,
  type NetworkError,
  type TimeoutError,
} from '@meta/errors';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../src/index.js';
import { createTestingTransport } from '../src/testing/index.js';
import type { TransportRequest } from '../src/transport.js';

const get = (url: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  method: 'GET',
  url,
  headers: {},
  ...extra,
});

describe('testing transport', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  test('routes requests to a handler and reads its JSON, text and byte bodies', async () => {
    const transport = createTestingTransport((request) =>
      request.url.endsWith('/json')
        ? { status: 201, body: { id: 'table-1' } }
        : { body: request.url.endsWith('/bytes') ? new Uint8Array([1, 2, 3]) : 'plain' },
    );
    const json = await transport.send(get('http://api.test/json'));
    expect(json.status).toBe(201);
    expect(json.statusText).toBe('Created');
    expect(json.headers.get('Content-Type')).toBe('application/json');
    expect(await json.json()).toEqual({ id: 'table-1' });
    expect(await (await transport.send(get('http://api.test/text'))).text()).toBe('plain');
    expect([...(await (await transport.send(get('http://api.test/bytes'))).bytes())]).toEqual([1, 2, 3]);
  });

  test('accepts a standard Response from the handler, repeated headers included', async () => {
    const transport = createTestingTransport(
      () =>
        new Response('{"ok":true}', {
          status: 404,
          headers: [
            ['set-cookie', 'a=1'],
            ['set-cookie', 'b=2'],
          ],
        }),
    );
    const response = await transport.send(get('http://api.test/x'));
    expect(response.status).toBe(404);
    expect(response.headers.getAll('Set-Cookie')).toEqual(['a=1', 'b=2']);
    expect(await response.json()).toEqual({ ok: true });
  });

  test('plays scripted steps first, in order, then falls back to the handler', async () => {
    const transport = createTestingTransport({
      script: [{ status: 503 }, { fail: 'network', code: 'ECONNREFUSED' }],
      handler: () => ({ status: 200, body: 'finally' }),
    });
    transport.enqueue({ fail: 'timeout', phase: 'body' });
    expect((await transport.send(get('http://api.test/a'))).status).toBe(503);
    const network = await transport.send(get('http://api.test/a')).catch((error: unknown) => error);
    expect(isNetworkError(network)).toBe(true);
    expect((network as NetworkError).code).toBe('ECONNREFUSED');
    expect((network as NetworkError).beforeResponse).toBe(true);
    const timeout = await transport.send(get('http://api.test/a')).catch((error: unknown) => error);
    expect((timeout as TimeoutError).phase).toBe('body');
    expect(await (await transport.send(get('http://api.test/a'))).text()).toBe('finally');
    expect(transport.pendingSteps).toBe(0);
    expect(transport.requests).toHaveLength(4);
  });

  test('rejects an unscripted request with an error naming it, secrets masked', async () => {
    const transport = createTestingTransport();
    await expect(transport.send(get('http://api.test/x?token=abc'))).rejects.toThrow(
      'nothing scripted for GET http://api.test/x?token=****',
    );
  });

  test('records every request with secrets masked by the request redactor', async () => {
    const token = 'tok-secret-value';
    const transport = createTestingTransport(() => ({ status: 204 }));
    await transport.send({
      method: 'POST',
      url: `http://user:pw@api.test/x?access_token=${token}`,
      headers: { Authorization: `Bearer ${token}`, 'X-Copy': token, Accept: 'application/json' },
      body: JSON.stringify({ token }),
      redactor: createRedactor({ secrets: [token] }),
      timeoutMs: 5000,
    });
    const recorded = transport.lastRequest!;
    expect(recorded.headers).toEqual({
      Authorization: 'Bearer ****',
      'X-Copy': '****',
      Accept: 'application/json',
    });
    expect(recorded.url).toBe('http://****@api.test/x?access_token=****');
    expect(JSON.stringify(transport.requests)).not.toContain(token);
    expect(recorded.timeoutMs).toBe(5000);
    transport.reset();
    expect(transport.requests).toHaveLength(0);
  });

  test('delays a response on the fake clock and turns a delay past timeoutMs into a headers timeout', async () => {
    vi.useFakeTimers();
    const transport = createTestingTransport({ script: [{ status: 200, delayMs: 1000 }, { delayMs: 5000 }] });
    const slow = transport.send(get('http://api.test/a'));
    await vi.advanceTimersByTimeAsync(1000);
    expect((await slow).status).toBe(200);
    const late = transport
      .send(get('http://api.test/a', { timeoutMs: 2000 }))
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(2000);
    const error = await late;
    expect(isTimeoutError(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('headers');
  });

  test('a hang ends with the caller signal reason, and close() releases the rest', async () => {
    const transport = createTestingTransport({ script: [{ fail: 'hang' }, { fail: 'hang' }] });
    const controller = new AbortController();
    const aborted = transport.send(get('http://api.test/a', { signal: controller.signal })).catch((e) => e);
    const released = transport.send(get('http://api.test/b')).catch((error: unknown) => error);
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await aborted).toBe(reason);
    await transport.close();
    expect(await released).toBeInstanceOf(ClientClosedError);
    expect(transport.closed).toBe(true);
  });

  test('a scripted abort rejects with the platform AbortError', async () => {
    const transport = createTestingTransport({ script: [{ fail: 'abort' }] });
    const error = await transport.send(get('http://api.test/a')).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe('AbortError');
  });

  test('applies maxResponseBytes, invalid JSON and single-read rules like the real transports', async () => {
    const transport = createTestingTransport(() => ({ body: '{"broken": tru' }));
    const limited = await transport.send(get('http://api.test/a', { maxResponseBytes: 4 }));
    expect(isResponseTooLargeError(await limited.text().catch((error: unknown) => error))).toBe(true);
    const invalid = await transport.send(get('http://api.test/a'));
    expect(isResponseParseError(await invalid.json().catch((error: unknown) => error))).toBe(true);
    await expect(invalid.text()).rejects.toThrow(TypeError);
  });
});

test('the testing transport applies the 64 MiB default maxResponseBytes when a request sets none', async () => {
  const transport = createTestingTransport(() => ({ body: new Uint8Array(DEFAULT_MAX_RESPONSE_BYTES + 1) }));
  const response = await transport.send(get('http://api.test/huge'));
  const error = await response.bytes().catch((caught: unknown) => caught);
  expect(isResponseTooLargeError(error)).toBe(true);
});

test('the testing transport refuses requests after close() with ClientClosedError, recording nothing', async () => {
  const transport = createTestingTransport(() => ({ status: 200 }));
  await transport.close();
  await expect(transport.send(get('http://api.test/after-close'))).rejects.toBeInstanceOf(ClientClosedError);
  expect(transport.requests).toHaveLength(0);
});

test('50 concurrent hung requests on one signal emit no MaxListenersExceededWarning and all reject with the reason on abort', async () => {
  const warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  process.on('warning', onWarning);
  try {
    const transport = createTestingTransport(() => ({ fail: 'hang' }));
    const controller = new AbortController();
    const pending = Array.from({ length: 50 }, (_, index) =>
      transport.send(get(`http://api.test/hung/${index}`, { signal: controller.signal })).catch((e) => e),
    );
    await vi.waitFor(() => expect(transport.requests).toHaveLength(50));
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    const reason = new Error('force close');
    controller.abort(reason);
    const outcomes = await Promise.all(pending);
    expect(outcomes.every((outcome) => outcome === reason)).toBe(true);
    // The warning is emitted on the next tick; give it the chance to arrive.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  } finally {
    process.off('warning', onWarning);
  }
});

test('delayed requests on a shared signal leave no abort listener behind once they settle', async () => {
  const transport = createTestingTransport(() => ({ status: 200, delayMs: 1 }));
  const controller = new AbortController();
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, index) =>
      transport.send(get(`http://api.test/delayed/${index}`, { signal: controller.signal })),
    ),
  );
  expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
});
