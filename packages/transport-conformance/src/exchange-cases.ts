import { isResponseParseError, isResponseTooLargeError, type ResponseTooLargeError } from '@meta/errors';
import { DEFAULT_MAX_RESPONSE_BYTES } from '@meta/transport';
import { expect, test } from 'vitest';
import type { ConformanceHarness } from './conformance-harness.js';
import { eventually } from './conformance-harness.js';
import { BINARY_BODY, JSON_DOCUMENT } from './conformance-routes.js';

async function sendAndRead(harness: ConformanceHarness, url: string, maxResponseBytes?: number) {
  const response = await harness.send({
    url,
    ...(maxResponseBytes === undefined ? {} : { maxResponseBytes }),
  });
  return response.bytes();
}

/** The request/response contract: what goes out, what comes back, and how bodies are read. */
export function registerExchangeCases(harness: ConformanceHarness): void {
  const http = () => harness.servers().http;

  test('returns the status, status text, final URL and a JSON body', async () => {
    const response = await harness.send({ url: `${http()}/json` });
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.url).toBe(`${http()}/json`);
    expect(await response.json()).toEqual(JSON_DOCUMENT);
  });

  test('a timeoutMs beyond what a timer can hold (2^40 ms) neither fires early nor overflows a timer', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    try {
      const response = await harness.send({ url: `${http()}/json`, timeoutMs: 2 ** 40 });
      expect(await response.json()).toEqual(JSON_DOCUMENT);
      // Node reports an overflowing timer through a process warning, emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings).not.toContain('TimeoutOverflowWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  test('sends the method, headers and a string body verbatim', async () => {
    const body = JSON.stringify({ name: 'caf\u00e9' });
    const response = await harness.send({
      method: 'POST',
      url: `${http()}/echo?q=1`,
      headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'Abc-123' },
      body,
    });
    const echo = (await response.json()) as { method: string; url: string; headers: Record<string, string> };
    expect(echo.method).toBe('POST');
    expect(echo.url).toBe('/echo?q=1');
    expect(echo.headers['x-request-id']).toBe('Abc-123');
    expect(echo.headers['content-type']).toBe('application/json');
    expect(Buffer.from((echo as unknown as { bodyBase64: string }).bodyBase64, 'base64').toString()).toBe(
      body,
    );
  });

  test('sends and receives binary bodies byte for byte', async () => {
    const sent = await harness.send({ method: 'PUT', url: `${http()}/echo`, body: BINARY_BODY });
    const echo = (await sent.json()) as { bodyBase64: string };
    expect(new Uint8Array(Buffer.from(echo.bodyBase64, 'base64'))).toEqual(BINARY_BODY);
    const received = await harness.send({ url: `${http()}/binary` });
    expect(new Uint8Array(await received.bytes())).toEqual(BINARY_BODY);
  });

  test('looks up response headers case-insensitively and keeps repeated values', async () => {
    const response = await harness.send({ url: `${http()}/headers` });
    await response.text();
    expect(response.headers.get('X-MIXED-CASE')).toBe('Value');
    expect(response.headers.has('Content-Type')).toBe(true);
    expect(response.headers.get('x-multi')).toBe('a, b');
    expect(response.headers.getAll('X-Multi').join(', ')).toBe('a, b');
    expect(response.headers.getAll('Set-Cookie')).toEqual(['first=1; Path=/', 'second=2; Path=/']);
    expect(response.headers.get('x-absent')).toBeNull();
    expect(response.headers.toRecord()['x-mixed-case']).toBe('Value');
    expect([...response.headers].every(([name]) => name === name.toLowerCase())).toBe(true);
  });

  test('sends Accept-Encoding: gzip, deflate, br unless the caller set one', async () => {
    const defaulted = (await (await harness.send({ url: `${http()}/echo` })).json()) as {
      headers: Record<string, string>;
    };
    expect(defaulted.headers['accept-encoding']).toBe('gzip, deflate, br');
    const chosen = await harness.send({ url: `${http()}/echo`, headers: { 'Accept-Encoding': 'identity' } });
    expect(((await chosen.json()) as { headers: Record<string, string> }).headers['accept-encoding']).toBe(
      'identity',
    );
  });

  test('decodes gzip, deflate (zlib and raw), br and stacked codings', async () => {
    for (const coding of ['gzip', 'x-gzip', 'deflate', 'deflate-raw', 'br', 'gzip,br', 'deflate,gzip']) {
      const response = await harness.send({ url: `${http()}/encoded?coding=${coding}` });
      expect(await response.json(), coding).toEqual(JSON_DOCUMENT);
    }
  });

  test('rejects more than five content codings with ResponseParseError', async () => {
    const url = `${http()}/encoded?coding=gzip,gzip,gzip,gzip,gzip,gzip`;
    const error = await sendAndRead(harness, url).catch((caught: unknown) => caught);
    expect(isResponseParseError(error)).toBe(true);
  });

  test('rejects an unknown content coding with ResponseParseError', async () => {
    const error = await sendAndRead(harness, `${http()}/encoded?coding=compress`).catch((caught) => caught);
    expect(isResponseParseError(error)).toBe(true);
  });

  test('rejects a corrupt gzip body with ResponseParseError', async () => {
    const error = await sendAndRead(harness, `${http()}/corrupt-gzip`).catch((caught) => caught);
    expect(isResponseParseError(error)).toBe(true);
  });

  test('rejects invalid JSON with ResponseParseError carrying the status', async () => {
    const response = await harness.send({ url: `${http()}/invalid-json` });
    const error = await response.json().catch((caught: unknown) => caught);
    expect(isResponseParseError(error)).toBe(true);
    expect((error as { statusCode: number }).statusCode).toBe(200);
  });

  test('reads a large body completely', async () => {
    const size = 8 * 1024 * 1024;
    const bytes = await sendAndRead(harness, `${http()}/large?bytes=${size}`);
    expect(bytes.byteLength).toBe(size);
    expect(String.fromCharCode(bytes[size - 1]!)).toMatch(/[a-z]/);
  });

  test('accepts a body of exactly maxResponseBytes', async () => {
    const bytes = await sendAndRead(harness, `${http()}/large?bytes=1000`, 1000);
    expect(bytes.byteLength).toBe(1000);
  });

  test('rejects a body past maxResponseBytes with ResponseTooLargeError and drops the connection', async () => {
    const before = harness.servers().observations.abortedWrites;
    const limit = 1024 * 1024;
    for (const chunked of ['0', '1']) {
      const url = `${http()}/large?bytes=${32 * limit}&chunked=${chunked}`;
      const error = await sendAndRead(harness, url, limit).catch((caught: unknown) => caught);
      expect(isResponseTooLargeError(error), `chunked=${chunked}`).toBe(true);
      expect((error as ResponseTooLargeError).limitBytes).toBe(limit);
    }
    // The server could not finish writing either body: the client destroyed the connections.
    expect(await eventually(() => harness.servers().observations.abortedWrites >= before + 2)).toBe(true);
  });

  test('counts decoded bytes against maxResponseBytes, so a gzip bomb stops at the limit', async () => {
    const error = await sendAndRead(harness, `${http()}/bomb`, 1024 * 1024).catch(
      (caught: unknown) => caught,
    );
    expect(isResponseTooLargeError(error)).toBe(true);
  });

  test('applies the 64 MiB default maxResponseBytes when a request sets none', async () => {
    const response = await harness.send({ url: `${http()}/bomb` });
    const error = await response.bytes().catch((caught: unknown) => caught);
    expect(isResponseTooLargeError(error), String(error)).toBe(true);
    expect((error as ResponseTooLargeError).limitBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
  });

  test('hands a redirect back as a response without following it', async () => {
    const echoHits = harness.servers().observations.hits.get('/echo') ?? 0;
    const response = await harness.send({ url: `${http()}/status?code=302` });
    await response.text();
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/echo');
    expect(harness.servers().observations.hits.get('/echo') ?? 0).toBe(echoHits);
  });

  test('does not retry: a 503 costs exactly one request', async () => {
    const hits = harness.servers().observations.hits;
    const before = hits.get('/status') ?? 0;
    const response = await harness.send({ method: 'PUT', url: `${http()}/status?code=503`, body: 'x' });
    expect(response.status).toBe(503);
    expect(await response.text()).toBe('status 503');
    expect(hits.get('/status')).toBe(before + 1);
  });

  test('answers HEAD and 204 with an empty body', async () => {
    const head = await harness.send({ method: 'HEAD', url: `${http()}/json` });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const noContent = await harness.send({ url: `${http()}/status?code=204` });
    expect(noContent.status).toBe(204);
    expect((await noContent.bytes()).byteLength).toBe(0);
  });

  test('reads a body once: bodyUsed turns true and a second read rejects', async () => {
    const response = await harness.send({ url: `${http()}/json` });
    expect(response.bodyUsed).toBe(false);
    await response.text();
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  test('cancels a body without reading it, and the next request still works', async () => {
    const response = await harness.send({ url: `${http()}/large?bytes=${4 * 1024 * 1024}` });
    await response.cancel();
    expect(response.bodyUsed).toBe(true);
    const next = await harness.send({ url: `${http()}/json` });
    expect(await next.json()).toEqual(JSON_DOCUMENT);
  });

  test('serves 32 concurrent requests, each with its own answer', async () => {
    const responses = await Promise.all(
      Array.from({ length: 32 }, (_, index) =>
        harness.send({ method: 'POST', url: `${http()}/echo?index=${index}`, body: `body-${index}` }),
      ),
    );
    const echoes = (await Promise.all(responses.map((response) => response.json()))) as Array<{
      url: string;
      bodyBase64: string;
    }>;
    echoes.forEach((echo, index) => {
      expect(echo.url).toBe(`/echo?index=${index}`);
      expect(Buffer.from(echo.bodyBase64, 'base64').toString()).toBe(`body-${index}`);
    });
  });
}
