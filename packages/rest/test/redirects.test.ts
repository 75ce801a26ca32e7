import { isAPIError, isTooManyRedirectsError } from '@meta/errors';
import type { TransportRequest } from '@meta/transport';
import type { TestingStep } from '@meta/transport/testing';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { headerOf, jsonStep as json, routedTransport } from './helpers/testing-steps.js';

function setup(
  route: (request: TransportRequest, index: number) => TestingStep,
  config: Record<string, unknown> = {},
) {
  const transport = routedTransport(route);
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    accessToken: 'secret-token-1',
    allowRedirects: true,
    extraHeaders: { 'X-Copy': '%(Authorization)s', 'X-Plain': 'kept' },
    ...config,
  });
  return { transport, rest };
}

const redirect = (status: number, location: string): TestingStep => ({ status, headers: { location } });

test('with allowRedirects false a 3xx is an APIError carrying the Location', async () => {
  const { transport, rest } = setup(() => redirect(302, '/api/v1/elsewhere'), { allowRedirects: false });
  const error = await rest.get('/tables').catch((caught: unknown) => caught);
  expect(isAPIError(error) && error.statusCode).toBe(302);
  expect((error as { location?: string }).location).toBe('/api/v1/elsewhere');
  expect(transport.sent).toHaveLength(1);
});

test('303 becomes GET without a body; 307 and 308 keep method and body', async () => {
  for (const [status, method, body] of [
    [303, 'GET', undefined],
    [307, 'POST', '{"a":1}'],
    [308, 'POST', '{"a":1}'],
    [301, 'GET', undefined],
    [302, 'GET', undefined],
  ] as const) {
    const { transport, rest } = setup((_request, index) =>
      index === 0 ? redirect(status, '/api/v1/next') : json(200, 'ok'),
    );
    await expect(rest.post('/tables', { a: 1 })).resolves.toBe('ok');
    expect(transport.sent[1]).toMatchObject({ method, url: 'https://metadata.test/api/v1/next' });
    expect(transport.sent[1]!.body).toBe(body);
    if (body === undefined) expect(headerOf(transport.sent[1], 'content-type')).toBeUndefined();
  }
});

test('301 keeps PUT as PUT with its body', async () => {
  const { transport, rest } = setup((_request, index) =>
    index === 0 ? redirect(301, '/api/v1/next') : json(200, 'ok'),
  );
  await rest.put('/tables', { a: 1 });
  expect(transport.sent[1]).toMatchObject({ method: 'PUT', body: '{"a":1}' });
});

test('a change of origin strips every sensitive header for the rest of the chain, even back home', async () => {
  const { transport, rest } = setup(
    (_request, index) => {
      if (index === 0) return redirect(302, '/api/v1/same-origin');
      if (index === 1) return redirect(307, 'https://other.test/x');
      if (index === 2) return redirect(307, 'https://metadata.test/api/v1/back');
      return json(200, 'ok');
    },
    { extraHeaders: { 'X-Copy': '%(Authorization)s', Cookie: 'session=abc' } },
  );
  await rest.get('/tables');
  expect(headerOf(transport.sent[1], 'authorization')).toBe('Bearer secret-token-1');
  for (const request of transport.sent.slice(2)) {
    expect(headerOf(request, 'authorization')).toBeUndefined();
    expect(headerOf(request, 'x-copy')).toBeUndefined();
    expect(headerOf(request, 'cookie')).toBeUndefined();
  }
  expect(transport.sent).toHaveLength(4);
});

test('https -> http is refused with the APIError for the 3xx and its location', async () => {
  const { transport, rest } = setup(() => redirect(302, 'http://metadata.test/api/v1/x'));
  const error = await rest.get('/tables').catch((caught: unknown) => caught);
  expect(isAPIError(error) && error.statusCode).toBe(302);
  expect((error as { location?: string }).location).toBe('http://metadata.test/api/v1/x');
  expect(transport.sent).toHaveLength(1);
});

test('a missing or unusable Location is an APIError for the 3xx', async () => {
  const missing = setup(() => ({ status: 302 }));
  await expect(missing.rest.get('/tables')).rejects.toMatchObject({ name: 'APIError', statusCode: 302 });
  const unusable = setup(() => redirect(302, 'javascript:alert(1)'));
  await expect(unusable.rest.get('/tables')).rejects.toMatchObject({ name: 'APIError', statusCode: 302 });
});

test('more than maxRedirects is a TooManyRedirectsError with the redacted chain', async () => {
  const { transport, rest } = setup((_request, index) => redirect(302, `/api/v1/hop-${index}?token=abc`), {
    maxRedirects: 2,
  });
  const error = await rest.get('/tables').catch((caught: unknown) => caught);
  expect(isTooManyRedirectsError(error)).toBe(true);
  expect(transport.sent).toHaveLength(3);
  expect(JSON.stringify(error)).not.toContain('token=abc');
});
