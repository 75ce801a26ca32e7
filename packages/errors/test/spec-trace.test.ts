// SPEC traceability (docs/spec-trace.md): SPEC 1 and 5 rules pinned with the boundary and hostile inputs the other
// suites leave out, through the public entry point only.
import { APIError, ConfigError, createRedactor, NetworkError, TimeoutError } from '@meta/errors';
import { expect, test } from 'vitest';

const request = { method: 'delete', url: 'http://meta.example/api/v1/tables/x', headers: {} };
const response = { status: 500, statusText: 'Internal Server Error', headers: {} };

test('APIError: a blank body message ("", spaces, tabs) is no message: the readable fallback names status, method and URL', () => {
  for (const message of ['', '   ', '\t\n']) {
    const error = new APIError({ message, code: 'E' }, { request, response });
    expect(error.message, JSON.stringify(message)).toBe(
      '500 Internal Server Error for DELETE http://meta.example/api/v1/tables/x',
    );
    expect(error.code).toBe('E');
  }
  const padded = new APIError({ message: '  real reason  ' }, { request, response });
  expect(padded.message).toBe('  real reason  ');
});

test('APIError code: 0 and negative numbers are body codes; an empty string code falls back to the status', () => {
  expect(new APIError({ code: 0 }, { response }).code).toBe(0);
  expect(new APIError({ code: -1 }, { response }).code).toBe(-1);
  expect(new APIError({ code: '' }, { response }).code).toBe(500);
  expect(new APIError({ code: null }, { response }).code).toBe(500);
});

test('a method given in lower case is named upper case in every message and in request', () => {
  const url = 'http://meta.example/api/v1/x';
  expect(
    new APIError(undefined, { request: { method: 'patch', url }, response: { status: 404 } }).message,
  ).toBe(`404 for PATCH ${url}`);
  expect(new NetworkError({ method: 'get', url, code: 'ECONNRESET' }).message).toContain(`GET ${url}`);
  expect(new TimeoutError({ method: 'put', url, phase: 'headers', timeoutMs: 5 }).message).toContain(
    `PUT ${url}`,
  );
  expect(new APIError(undefined, { request: { method: 'post', url } }).request?.method).toBe('POST');
});

test('TimeoutError refuses a phase outside connect | headers | body | total, in any spelling', () => {
  for (const phase of ['idle', 'HEADERS', '', 'socket', 7]) {
    expect(() => new TimeoutError({ phase: phase as never }), String(phase)).toThrow(ConfigError);
  }
});

test('query parameters named like token/access_token/client_secret/password/api_key/signature are masked in every spelling', () => {
  const redactor = createRedactor();
  const names = [
    'token',
    'Token',
    'access_token',
    'ACCESS_TOKEN',
    'refresh_token',
    'id_token',
    'myToken',
    'client_secret',
    'password',
    'api_key',
    'apiKey',
    'api-key',
    'signature',
    'X-Amz-Signature',
  ];
  for (const name of names) {
    expect(redactor.url(`http://h/p?${name}=s3cr3t-value&ok=1`), name).toBe(`http://h/p?${name}=****&ok=1`);
    expect(redactor.url(`http://h/p?ok=1&${encodeURIComponent(name)}=s3cr3t-value`), name).not.toContain(
      's3cr3t',
    );
  }
  expect(redactor.url('http://h/p?fields=owner,tags&limit=10')).toBe('http://h/p?fields=owner,tags&limit=10');
});

test('header names containing token, secret, password, api-key, apikey, session or auth are sensitive in any case; others are not', () => {
  const redactor = createRedactor();
  for (const name of [
    'X-Api-Key',
    'x-apikey',
    'X-AUTH-TOKEN',
    'X-Session-Id',
    'X-Client-Secret',
    'X-Password',
    'Authentication',
    'X-CSRF-Token',
    'Proxy-Authorization',
    'Cookie',
    'Set-Cookie',
  ])
    expect(redactor.isSensitiveHeader(name), name).toBe(true);
  for (const name of ['X-Request-Id', 'Accept', 'Content-Type', 'User-Agent', 'X-Team'])
    expect(redactor.isSensitiveHeader(name), name).toBe(false);
});

test('the auth value keeps only its scheme (Bearer ****), whatever the case of the scheme and the header name', () => {
  const redactor = createRedactor({ sensitiveHeaders: ['X-Custom-Credential'] });
  const headers = redactor.headers({
    authorization: 'bearer abc.def.ghi',
    'X-CUSTOM-CREDENTIAL': 'Token zzz-secret',
    'proxy-authorization': 'Basic dXNlcjpwYXNz',
  });
  expect(headers).toEqual({
    authorization: 'bearer ****',
    'X-CUSTOM-CREDENTIAL': 'Token ****',
    'proxy-authorization': 'Basic ****',
  });
});

test('URL userinfo after backslashes (\\\\user:pw@host, which URL parsers read as //) is masked by url(), text(), headers() and in APIError.location', () => {
  const redactor = createRedactor();
  for (const slashes of ['\\\\', '/\\', '\\/', 'https:\\\\', 'http:/\\']) {
    const location = `${slashes}user:hunter22pw@evil.test/x`;
    const masked = `${slashes}****@evil.test/x`;
    // url() rebuilds what the URL parser can read (`https:\\\\h` becomes `https://h`); the password goes either way.
    expect(redactor.url(location), location).toMatch(/^[a-z:/\\]+\*\*\*\*@evil\.test\/x$/);
    expect(redactor.text(`moved to ${location}, retry`), location).toBe(`moved to ${masked}, retry`);
    expect(redactor.headers({ location }), location).toEqual({ location: masked });
    const error = new APIError(undefined, {
      request: { method: 'GET', url: 'http://meta.example/api/v1/x' },
      response: { status: 302, headers: { location } },
      location,
    });
    expect(error.location, location).not.toContain('hunter22pw');
    expect(JSON.stringify(error.toJSON()), location).not.toContain('hunter22pw');
  }
  // A lone backslash is no authority: text around it is kept as it was.
  for (const text of ['C:\\Users\\me@host', 'a \\ b @ c']) expect(redactor.text(text)).toBe(text);
});

test('URL userinfo is masked in a scheme-relative URL too (//user:pw@host, as a Location may be), by url(), text() and headers()', () => {
  const redactor = createRedactor();
  expect(redactor.url('//user:hunter22pw@evil.test/x')).toBe('//****@evil.test/x');
  expect(redactor.url('//hunter22pw@evil.test/x?token=abc12345')).toBe('//****@evil.test/x?token=****');
  expect(redactor.text('moved to //user:hunter22pw@evil.test/x, retry')).toBe(
    'moved to //****@evil.test/x, retry',
  );
  expect(redactor.headers({ location: '//user:hunter22pw@evil.test/x' })).toEqual({
    location: '//****@evil.test/x',
  });
  const error = new APIError(undefined, {
    request: { method: 'GET', url: 'http://meta.example/api/v1/x' },
    response: { status: 302, headers: { location: '//user:hunter22pw@evil.test/x' } },
    location: '//user:hunter22pw@evil.test/x',
  });
  expect(error.location).toBe('//****@evil.test/x');
  expect(JSON.stringify(error.toJSON())).not.toContain('hunter22pw');
  // Paths and text without userinfo after a `//` are left exactly as they were.
  for (const text of ['http://h/a//b/c', 'see //host/path', 'a // b @ c', 'http://h//x?y=1'])
    expect(redactor.text(text)).toBe(text);
});
