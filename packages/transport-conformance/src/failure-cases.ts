import {
  createRedactor,
  isNetworkError,
  isTimeoutError,
  type NetworkError,
  type TimeoutError,
} from '@meta/errors';
import { expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the exchange to fail');
    },
    (error: unknown) => error,
  );
}

function expectNetworkError(error: unknown, code: string, beforeResponse: boolean): void {
  expect(isNetworkError(error), String(error)).toBe(true);
  expect((error as NetworkError).code).toBe(code);
  expect((error as NetworkError).beforeResponse).toBe(beforeResponse);
  expect((error as NetworkError).cause).toBeDefined();
}

/** Every failure maps to the same @meta error class and stable code on every transport. */
export function registerFailureCases(harness: ConformanceHarness): void {
  const servers = () => harness.servers();

  test('a refused connection is a NetworkError ECONNREFUSED naming the method and URL', async () => {
    const url = `${servers().refused}/tables`;
    const error = await failure(harness.send({ method: 'DELETE', url }));
    expectNetworkError(error, 'ECONNREFUSED', true);
    expect((error as Error).message).toContain(`DELETE ${url}`);
  });

  test('error messages and JSON carry no secret from the URL', async () => {
    const secret = 's3cr3t-t0ken-value';
    const redactor = createRedactor({ secrets: [secret] });
    const url = `${servers().refused}/tables?access_token=${secret}&note=${secret}`;
    const error = await failure(harness.send({ url, redactor }));
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect((error as NetworkError).url).toContain('access_token=****');
  });

  test('a connection reset before the response is a NetworkError ECONNRESET before the response', async () => {
    expectNetworkError(
      await failure(harness.send({ url: `${servers().http}/reset-before` })),
      'ECONNRESET',
      true,
    );
  });

  test('a connection closed before the response is a NetworkError ECONNRESET before the response', async () => {
    expectNetworkError(
      await failure(harness.send({ url: `${servers().http}/close-before` })),
      'ECONNRESET',
      true,
    );
  });

  test('a connection closed during the body fails the read with NetworkError ECONNRESET', async () => {
    const response = await harness.send({ url: `${servers().http}/close-during` });
    expect(response.status).toBe(200);
    expectNetworkError(await failure(response.text()), 'ECONNRESET', false);
  });

  test('an unknown host is a NetworkError ENOTFOUND', async () => {
    const error = await failure(harness.send({ url: 'http://conformance-does-not-exist.invalid/api' }));
    expectNetworkError(error, 'ENOTFOUND', true);
  });

  test('a broken status line is a NetworkError with the parser code', async () => {
    const error = await failure(harness.send({ url: `${servers().broken}/bad-status-line` }));
    expect(isNetworkError(error)).toBe(true);
    expect((error as NetworkError).code).toMatch(/^HPE_/);
    expect((error as NetworkError).beforeResponse).toBe(false);
  });

  test('a broken Content-Length is a NetworkError with the parser code', async () => {
    const error = await failure(harness.send({ url: `${servers().broken}/bad-content-length` }));
    expect(isNetworkError(error)).toBe(true);
    expect((error as NetworkError).code).toMatch(/^HPE_/);
  });

  test('no response headers before the deadline is a TimeoutError in the headers phase', async () => {
    const error = await failure(harness.send({ url: `${servers().http}/stall-headers`, timeoutMs: 300 }));
    expect(isTimeoutError(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('headers');
    expect((error as TimeoutError).timeoutMs).toBe(300);
  });

  test('a body still incomplete at the deadline is a TimeoutError in the body phase', async () => {
    const response = await harness.send({ url: `${servers().http}/stall-body`, timeoutMs: 500 });
    const error = await failure(response.text());
    expect(isTimeoutError(error)).toBe(true);
    expect((error as TimeoutError).phase).toBe('body');
  });

  test('a connection still not established at the deadline is a TimeoutError in the connect phase', async () => {
    // The silent server accepts TCP but never answers the TLS handshake.
    const error = await failure(harness.send({ url: `${servers().silent}/`, timeoutMs: 300 }));
    expect(isTimeoutError(error)).toBe(true);
    const phase = (error as TimeoutError).phase;
    if (harness.notApplicable.connectPhase) expect(['connect', 'headers']).toContain(phase);
    else expect(phase).toBe('connect');
  });

  test('an already aborted signal rejects with its reason as-is', async () => {
    const reason = new Error('caller gave up');
    const error = await failure(
      harness.send({ url: `${servers().http}/json`, signal: AbortSignal.abort(reason) }),
    );
    expect(error).toBe(reason);
  });

  test('aborting while waiting for headers rejects with the reason as-is', async () => {
    const controller = new AbortController();
    const hits = servers().observations.hits;
    const before = hits.get('/stall-headers') ?? 0;
    const pending = failure(
      harness.send({ url: `${servers().http}/stall-headers`, signal: controller.signal }),
    );
    expect(await eventually(() => (hits.get('/stall-headers') ?? 0) > before)).toBe(true);
    const reason = { why: 'a non-Error reason is passed through too' };
    controller.abort(reason);
    expect(await pending).toBe(reason);
  });

  test('aborting during the body rejects the read with the reason, the platform AbortError by default', async () => {
    const controller = new AbortController();
    const response = await harness.send({ url: `${servers().http}/stall-body`, signal: controller.signal });
    const reading = failure(response.text());
    controller.abort();
    const error = await reading;
    expect(error).toBe(controller.signal.reason);
    expect((error as Error).name).toBe('AbortError');
  });
}
