import { expect, test } from 'vitest';
import { APIError, createRedactor } from '../src/index.js';

// Session 6 audit (SPEC 5): sensitive names that the redactor missed, each proven on a real rendering.

const redactor = createRedactor();
const LONG = 'a'.repeat(300);

test('a header name longer than 256 characters is still sensitive when its sensitive part comes late', () => {
  const name = `X-${LONG}-Token`;
  expect(redactor.isSensitiveHeader(name)).toBe(true);
  expect(redactor.headers({ [name]: 'hunter2-value' })[name]).toBe('****');
});

test('a query parameter name longer than 256 characters ending in _token is masked in a URL', () => {
  const url = `https://meta.example/api?${LONG}_token=hunter2-value&limit=10`;
  expect(redactor.url(url)).toBe(`https://meta.example/api?${LONG}_token=****&limit=10`);
  // The free-text scanner reads names backwards, so it already judged long names by their ends: both agree.
  expect(redactor.text(`see ${url}`)).toBe(`see https://meta.example/api?${LONG}_token=****&limit=10`);
});

test('a JSON key longer than 256 characters ending in _token is masked in an error body', () => {
  const key = `${LONG}_token`;
  expect(redactor.value({ [key]: 'hunter2-value', limit: 10 })).toEqual({ [key]: '****', limit: 10 });
  const error = new APIError(
    { message: 'denied', [key]: 'hunter2-value' },
    { response: { status: 403, statusText: 'Forbidden', headers: {} } },
  );
  expect(JSON.stringify(error)).not.toContain('hunter2-value');
});

test.each([
  'Api_Key',
  'X-Api_Key',
  'X-Access-Key',
  'X-Private-Key',
  'X-Hub-Signature',
  'X-Client-Credential',
  'X-Passwd',
  'X-Cookie-Jar',
])('the header %s is sensitive by name, as its siblings X-Api-Key and X-Auth-Token are', (name) => {
  expect(redactor.isSensitiveHeader(name)).toBe(true);
  const error = new APIError(undefined, {
    request: { method: 'GET', url: 'https://meta.example/api/v1/x', headers: { [name]: 'hunter2-value' } },
    response: { status: 500, statusText: 'Internal Server Error', headers: {} },
  });
  expect(error.request?.headers[name]).toBe('****');
  expect(JSON.stringify(error)).not.toContain('hunter2-value');
});

test.each(['X-Team', 'X-Request-Id', 'X-Idempotency-Key', 'Accept', 'Content-Type', 'X-Monkey'])(
  'the ordinary header %s stays readable',
  (name) => {
    expect(redactor.isSensitiveHeader(name)).toBe(false);
  },
);

test('a hostile 4 MB header name is judged in linear time', () => {
  const name = `X-${'a'.repeat(4_000_000)}`;
  const started = performance.now();
  expect(redactor.isSensitiveHeader(name)).toBe(false);
  expect(redactor.isSensitiveHeader(`${name}-auth`)).toBe(true);
  // Generous: a quadratic check would take minutes on this input.
  expect(performance.now() - started).toBeLessThan(5_000);
});

test('a hand-built APIError whose request names no method reads "404 for <url>", never "UNDEFINED"', () => {
  // From JavaScript (the type asks for a method): the request as a caller might pass it.
  const httpInfo = { response: { status: 404 }, request: { url: 'http://host/api/v1/x' } };
  const error = new APIError({}, httpInfo as unknown as ConstructorParameters<typeof APIError>[1]);
  expect(error.message).toBe('404 for http://host/api/v1/x');
  const withMethod = new APIError(
    {},
    { response: { status: 404 }, request: { url: 'http://host/x', method: 'get' } },
  );
  expect(withMethod.message).toBe('404 for GET http://host/x');
});
