import { isAPIError, isResponseParseError } from '@meta/errors';
import type { TestingStep } from '@meta/transport/testing';
import { expect, test, vi } from 'vitest';
import { z } from 'zod';
import { REST } from '../src/index.js';
import { jsonStep as json, routedTransport, scriptedTransport } from './helpers/testing-steps.js';

function setup(answer: TestingStep, config: Record<string, unknown> = {}) {
  const transport = routedTransport(() => answer);
  return {
    transport,
    rest: new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 0, ...config }),
  };
}

test.each([
  [
    { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"a":1}' },
    { a: 1 },
  ],
  [{ status: 200, headers: { 'content-type': 'Application/Problem+JSON' }, body: '[1]' }, [1]],
  [{ status: 200, headers: { 'content-type': 'application/json' }, body: '' }, null],
  [{ status: 200, headers: { 'content-type': 'application/json' }, body: '  \n ' }, null],
  [{ status: 204, headers: { 'content-type': 'application/json' }, body: '' }, null],
  [{ status: 200, headers: { 'content-type': 'text/plain' }, body: '{"a":1}' }, '{"a":1}'],
  [{ status: 200, body: 'plain text' }, 'plain text'],
  [{ status: 200, body: '   ' }, null],
])('decodes %o as %o', async (answer, expected) => {
  const { rest } = setup(answer);
  await expect(rest.get('/x')).resolves.toEqual(expected);
});

test('invalid JSON under a JSON content type is a ResponseParseError, never null', async () => {
  const { rest } = setup({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"a":' });
  const error = await rest.get('/x').catch((caught: unknown) => caught);
  expect(isResponseParseError(error) && error.statusCode).toBe(200);
});

test('a non-2xx is an APIError with code and message from the body', async () => {
  const { rest } = setup(json(404, { code: 404, message: 'Entity with id [1] not found.' }));
  const error = await rest.get('/tables/1').catch((caught: unknown) => caught);
  expect(isAPIError(error)).toBe(true);
  expect(error).toMatchObject({ statusCode: 404, code: 404, message: 'Entity with id [1] not found.' });
  expect((error as { response: { body: unknown } }).response.body).toEqual({
    code: 404,
    message: 'Entity with id [1] not found.',
  });
});

test('a body with a "code" field on a 200 is data, not an error (classification is by status)', async () => {
  const { rest } = setup(json(200, { code: 500, message: 'looks like an error' }));
  await expect(rest.get('/x')).resolves.toEqual({ code: 500, message: 'looks like an error' });
});

test('an error body is kept up to 64 KiB', async () => {
  const { rest } = setup({ status: 500, body: 'x'.repeat(200_000) });
  const error = await rest.get('/x').catch((caught: unknown) => caught);
  const body = (error as { response: { body: string } }).response.body;
  expect(body.length).toBeLessThan(70 * 1024);
});

test('rawData returns status, lowercase headers and data, from config or per call', async () => {
  const { rest } = setup(json(200, { a: 1 }, { 'X-Total': '3' }));
  await expect(rest.get('/x', undefined, { rawData: true })).resolves.toEqual({
    status: 200,
    headers: { 'content-type': 'application/json', 'x-total': '3' },
    data: { a: 1 },
  });
  const raw = setup(json(200, { a: 1 }), { rawData: true });
  await expect(raw.rest.get('/x')).resolves.toMatchObject({ status: 200, data: { a: 1 } });
});

test('a zod schema validates and types the result; a mismatch is a ResponseParseError with issues', async () => {
  const schema = z.object({ id: z.string(), name: z.string() });
  const good = setup(json(200, { id: '1', name: 'orders', extra: true }));
  const table = await good.rest.get('/tables/1', undefined, { schema });
  expect(table.name).toBe('orders');
  const bad = setup(json(200, { id: 1 }));
  const error = await bad.rest.get('/tables/1', undefined, { schema }).catch((caught: unknown) => caught);
  expect(isResponseParseError(error)).toBe(true);
  expect((error as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
});

test('secrets never reach error messages, toJSON or logs', async () => {
  const debug = vi.fn();
  const warn = vi.fn();
  const transport = routedTransport((_request, index) =>
    index === 0
      ? json(504, { message: 'token secret-token-1 rejected' })
      : json(500, { detail: 'secret-token-1' }),
  );
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    accessToken: 'secret-token-1',
    retry: 1,
    sleep: async () => {},
    logger: { debug, warn },
  });
  const error = await rest.get('/tables', { token: 'query-secret' }).catch((caught: unknown) => caught);
  const everything = JSON.stringify([
    String(error),
    (error as Error).stack,
    error,
    debug.mock.calls,
    warn.mock.calls,
  ]);
  expect(everything).not.toContain('secret-token-1');
  expect(everything).not.toContain('query-secret');
  expect(everything).toContain('Bearer ****');
  expect(debug).toHaveBeenCalledTimes(2);
  expect(warn).toHaveBeenCalledTimes(1);
});

test('an HTML 2xx is a ResponseParseError with code ERR_HTML_RESPONSE; rawData returns the text', async () => {
  const page = '<html><body>login</body></html>';
  const { rest } = setup({
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    body: page,
  });
  await expect(rest.get('/tables')).rejects.toMatchObject({
    name: 'ResponseParseError',
    code: 'ERR_HTML_RESPONSE',
    statusCode: 200,
  });
  await expect(rest.get('/tables', undefined, { rawData: true })).resolves.toMatchObject({ data: page });
  const unlabelled = setup({ status: 200, body: '\n  <!doctype html><html></html>' });
  await expect(unlabelled.rest.get('/tables')).rejects.toMatchObject({ code: 'ERR_HTML_RESPONSE' });
});

test('a status 0 response is a NetworkError; an opaque redirect is an APIError that says why', async () => {
  const zero = setup({ status: 0 });
  await expect(zero.rest.get('/x')).rejects.toMatchObject({ name: 'NetworkError', code: 'ERR_NETWORK' });
  const opaque = routedTransport(() => ({ status: 0 }));
  const transport = {
    name: 'opaque',
    send: async (request: Parameters<typeof opaque.send>[0]) =>
      Object.assign(await opaque.send(request), { opaqueRedirect: true }),
    close: () => opaque.close(),
  };
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 0 });
  const error = await rest.get('/x').catch((caught: unknown) => caught);
  expect(isAPIError(error) && error.statusCode).toBe(0);
  expect((error as Error).message).toContain('redirect that cannot be inspected in this runtime');
});

test('a 204, 205 or 304 failure has no body to read: the APIError keeps its status', async () => {
  const notModified = setup({ status: 304, headers: { 'content-encoding': 'gzip' } });
  await expect(notModified.rest.get('/x')).rejects.toMatchObject({ name: 'APIError', statusCode: 304 });
});

test('bodies labelled JSON and not in turn are each decoded by their own label', async () => {
  const body = '{"a":1}';
  const labels = [
    'application/json',
    'text/plain',
    'application/problem+json',
    'text/plain',
    'application/json',
  ];
  const transport = scriptedTransport(
    labels.map((label) => ({ status: 200, headers: { 'content-type': label }, body })),
  );
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport });
  const results = [];
  for (let index = 0; index < labels.length; index++) results.push(await rest.get('/x'));
  expect(results).toEqual([{ a: 1 }, body, { a: 1 }, body, { a: 1 }]);
});
