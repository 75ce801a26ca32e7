import { expect, test } from 'vitest';
import { MAX_ERROR_BODY_CHARACTERS } from '../src/http-exchange.js';
import { APIError, isAPIError, isMetaError, MetaError } from '../src/index.js';

const request = { method: 'get', url: 'http://meta.example/api/v1/tables/x?token=abc123', headers: {} };

test('is named APIError and is a MetaError and an Error', () => {
  const error = new APIError({ code: 404, message: 'missing' });
  expect(error.name).toBe('APIError');
  expect(error).toBeInstanceOf(APIError);
  expect(error).toBeInstanceOf(MetaError);
  expect(error).toBeInstanceOf(Error);
  expect(isAPIError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('takes its message and code from an OpenMetadata error body', () => {
  const error = new APIError(
    { code: 404, message: 'Entity with id [42] not found.' },
    { request, response: { status: 404, statusText: 'Not Found' } },
  );
  expect(error.message).toBe('Entity with id [42] not found.');
  expect(error.code).toBe(404);
  expect(error.statusCode).toBe(404);
});

test('keeps a string code from the body rather than the status', () => {
  const error = new APIError({ code: 'ENTITY_EXISTS', message: 'exists' }, { response: { status: 409 } });
  expect(error.code).toBe('ENTITY_EXISTS');
  expect(error.statusCode).toBe(409);
});

test('falls back to the HTTP status as code when the body has none', () => {
  const error = new APIError(
    { message: 'nope' },
    { response: { status: 503, statusText: 'Service Unavailable' } },
  );
  expect(error.code).toBe(503);
});

test('reads "404 Not Found for GET <redacted url>" when the body has no message', () => {
  const error = new APIError('<html>gateway page</html>', {
    request,
    response: { status: 404, statusText: 'Not Found' },
  });
  expect(error.message).toBe('404 Not Found for GET http://meta.example/api/v1/tables/x?token=****');
});

test('reads "502 for GET <redacted url>" when the response has no reason phrase (HTTP/2 in a browser)', () => {
  const error = new APIError(undefined, { request, response: { status: 502, statusText: '' } });
  expect(error.message).toBe('502 for GET http://meta.example/api/v1/tables/x?token=****');
  expect(error.response?.statusText).toBe('');
});

test('reads message and code from a text body that holds a JSON object', () => {
  const error = new APIError('{"code": 409, "message": "already exists"}', { response: { status: 409 } });
  expect(error.message).toBe('already exists');
  expect(error.code).toBe(409);
});

test('can be built by hand with only a body, like the Python original', () => {
  const error = new APIError({ code: 400, message: 'bad request' });
  expect(error.message).toBe('bad request');
  expect(error.code).toBe(400);
  expect(error.statusCode).toBeUndefined();
  expect(error.request).toBeUndefined();
  expect(error.response).toBeUndefined();
  expect(error.cause).toBeUndefined();
  expect('cause' in error).toBe(false);
});

test('uses a hand-written string body as its message when there is no response', () => {
  const error = new APIError('boom');
  expect(error.message).toBe('boom');
  expect(error.code).toBe('ERR_API');
});

test('has a readable message and the ERR_API code when built with nothing at all', () => {
  const error = new APIError();
  expect(error.message).toBe('HTTP request failed');
  expect(error.code).toBe('ERR_API');
  expect(error.statusCode).toBeUndefined();
});

test('keeps a JSON response body as parsed data', () => {
  const body = { code: 404, message: 'missing', details: { id: 'x', tags: ['a', 'b'] } };
  const error = new APIError(body, { response: { status: 404 } });
  expect(error.response?.body).toEqual(body);
  expect(error.response?.body).not.toBe(body);
});

test('takes message and code from the response body when no error body is passed', () => {
  const error = new APIError(undefined, { response: { status: 404, body: { code: 404, message: 'gone' } } });
  expect(error.message).toBe('gone');
  expect(error.response?.body).toEqual({ code: 404, message: 'gone' });
});

test('bounds a text response body to a 64 KiB snippet that says how much was cut', () => {
  const text = 'x'.repeat(MAX_ERROR_BODY_CHARACTERS + 5000);
  const error = new APIError(text, { request, response: { status: 500 } });
  const body = error.response?.body as string;
  expect(body.startsWith('x'.repeat(MAX_ERROR_BODY_CHARACTERS))).toBe(true);
  expect(body.endsWith('… [5000 more characters]')).toBe(true);
});

test('keeps a short text body whole', () => {
  const error = new APIError('plain failure', { request, response: { status: 500 } });
  expect(error.response?.body).toBe('plain failure');
});

test('keeps a JSON body larger than 64 KiB as bounded text', () => {
  const body = { message: 'big', items: Array.from({ length: 20_000 }, (_, index) => `item-${index}`) };
  const error = new APIError(body, { response: { status: 500 } });
  expect(typeof error.response?.body).toBe('string');
  expect(String(error.response?.body).length).toBeLessThan(MAX_ERROR_BODY_CHARACTERS + 100);
  expect(error.message).toBe('big');
});

test('decodes a byte body as UTF-8 text', () => {
  const error = new APIError(new TextEncoder().encode('bytes: é'), { response: { status: 500 } });
  expect(error.response?.body).toBe('bytes: é');
});

test('stores the request redacted and the method upper case', () => {
  const error = new APIError(undefined, {
    request: { method: 'patch', url: request.url, headers: { Authorization: 'Bearer abc123', Accept: 'x' } },
    response: { status: 400 },
  });
  expect(error.request).toEqual({
    method: 'PATCH',
    url: 'http://meta.example/api/v1/tables/x?token=****',
    headers: { Authorization: 'Bearer ****', Accept: 'x' },
  });
});

test('stores response headers redacted', () => {
  const error = new APIError(undefined, {
    response: { status: 401, headers: { 'set-cookie': 'sid=1', 'content-type': 'application/json' } },
  });
  expect(error.response?.headers).toEqual({ 'set-cookie': '****', 'content-type': 'application/json' });
});

test('exposes a server-requested delay that was not slept and the Location of a 3xx', () => {
  const error = new APIError(undefined, {
    response: { status: 302, statusText: 'Found' },
    retryAfterMs: 600_000,
    location: 'https://user:pw@other.example/next?signature=abc',
  });
  expect(error.retryAfterMs).toBe(600_000);
  expect(error.location).toBe('https://****@other.example/next?signature=****');
});

test('keeps its cause', () => {
  const cause = new Error('socket closed');
  const error = new APIError({ message: 'failed' }, { cause });
  expect(error.cause).toBe(cause);
});

test('masks a configured secret in the body message', () => {
  const error = new APIError({ message: 'token tok-12345 expired' }, { secrets: ['tok-12345'] });
  expect(error.message).toBe('token **** expired');
});

test('masks sensitive keys and secrets inside a JSON body', () => {
  const error = new APIError(
    { message: 'x', password: 'p@ss', nested: { note: 'tok-12345 here' } },
    { response: { status: 400 }, secrets: ['tok-12345'] },
  );
  expect(error.response?.body).toEqual({ message: 'x', password: '****', nested: { note: '**** here' } });
});

test('ignores a body code that is neither a number nor a string', () => {
  const error = new APIError({ code: { nested: true }, message: 'odd' }, { response: { status: 418 } });
  expect(error.code).toBe(418);
});

test('serialises to JSON with its HTTP fields', () => {
  const json = new APIError(
    { code: 404, message: 'missing' },
    { request, response: { status: 404 } },
  ).toJSON();
  expect(json).toMatchObject({
    name: 'APIError',
    code: 404,
    message: 'missing',
    statusCode: 404,
    request: { method: 'GET', url: 'http://meta.example/api/v1/tables/x?token=****' },
    response: { status: 404, body: { code: 404, message: 'missing' } },
  });
});

test('a JSON body handed over as text under a JSON content type is kept parsed and redacted', () => {
  const error = new APIError(undefined, {
    response: {
      status: 409,
      headers: { 'Content-Type': 'application/problem+json; charset=utf-8' },
      body: '{"message":"conflict","password":"hunter22"}',
    },
  });
  expect(error.message).toBe('conflict');
  expect(error.response?.body).toEqual({ message: 'conflict', password: '****' });
});

test('a text body under a non-JSON content type, or JSON that does not parse, stays bounded text', () => {
  const html = new APIError(undefined, {
    response: { status: 502, headers: { 'content-type': 'text/html' }, body: '{"not":"parsed"}' },
  });
  expect(html.response?.body).toBe('{"not":"parsed"}');
  const broken = new APIError(undefined, {
    response: { status: 500, headers: { 'content-type': 'application/json' }, body: '{"cut' },
  });
  expect(broken.response?.body).toBe('{"cut');
});
