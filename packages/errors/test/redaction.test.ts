import { expect, test } from 'vitest';
import { createRedactor, REDACTED } from '../src/index.js';
import {
  DEFAULT_SENSITIVE_HEADERS,
  isSensitiveParameterName,
  maskCredentials,
} from '../src/sensitive-names.js';

const defaultRedactor = createRedactor();

test('masks with four asterisks', () => {
  expect(REDACTED).toBe('****');
});

test.each(['Authorization', 'Proxy-Authorization', 'Cookie', 'Set-Cookie'])(
  'treats %s as sensitive by default, in any letter case',
  (name) => {
    expect(defaultRedactor.isSensitiveHeader(name)).toBe(true);
    expect(defaultRedactor.isSensitiveHeader(name.toUpperCase())).toBe(true);
    expect(defaultRedactor.isSensitiveHeader(name.toLowerCase())).toBe(true);
  },
);

test('lists exactly the SPEC default sensitive headers', () => {
  expect(DEFAULT_SENSITIVE_HEADERS).toEqual(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
});

test('does not treat ordinary headers as sensitive', () => {
  for (const name of ['Content-Type', 'Accept', 'User-Agent', 'X-Request-Id', 'Location', 'ETag']) {
    expect(defaultRedactor.isSensitiveHeader(name)).toBe(false);
  }
});

test.each([
  'X-Api-Key',
  'x-apikey',
  'X-Auth-Token',
  'X-Session-Id',
  'Client-Secret',
  'X-Password',
  'X-CSRF-TOKEN',
  'X-Amz-Security-Token',
  'Authentication-Info',
])('treats %s as sensitive by its name alone (token/secret/password/api-key/apikey/session/auth)', (name) => {
  expect(defaultRedactor.isSensitiveHeader(name)).toBe(true);
  expect(defaultRedactor.isSensitiveHeader(name.toUpperCase())).toBe(true);
  expect(defaultRedactor.headers({ [name]: 'value-9f8e7d', Accept: '*/*' })).toEqual({
    [name]: '****',
    Accept: '*/*',
  });
});

test('checks the name patterns in linear time on a huge hostile header name', () => {
  const name = `x-${'a'.repeat(1_000_000)}-token`;
  const started = performance.now();
  defaultRedactor.isSensitiveHeader(name);
  expect(performance.now() - started).toBeLessThan(1000);
});

test('treats configured header names as sensitive, case-insensitively', () => {
  const redactor = createRedactor({ sensitiveHeaders: ['X-Custom-Key', 'x-templated-copy'] });
  expect(createRedactor().isSensitiveHeader('x-custom-key')).toBe(false);
  expect(redactor.isSensitiveHeader('x-custom-key')).toBe(true);
  expect(redactor.isSensitiveHeader('X-TEMPLATED-COPY')).toBe(true);
  expect(redactor.headers({ 'X-CUSTOM-KEY': 'key-123', Accept: '*/*' })).toEqual({
    'X-CUSTOM-KEY': '****',
    Accept: '*/*',
  });
});

test('keeps the auth scheme and masks the credentials: Bearer ****', () => {
  expect(defaultRedactor.headers({ Authorization: 'Bearer eyJhbGciOi.payload.sig' })).toEqual({
    Authorization: 'Bearer ****',
  });
  expect(defaultRedactor.headerValue('proxy-authorization', 'Basic dXNlcjpwYXNz')).toBe('Basic ****');
});

test('masks a sensitive value without a scheme whole', () => {
  expect(defaultRedactor.headerValue('Cookie', 'session=abc; theme=dark')).toBe('****');
  expect(maskCredentials('rawtokenwithoutscheme')).toBe('****');
});

test('masks a scheme that is itself a configured secret', () => {
  expect(createRedactor({ secrets: ['leaky-token'] }).headerValue('Authorization', 'leaky-token extra')).toBe(
    '**** ****',
  );
});

test('reads headers from a Headers object, a Map and name/value pairs', () => {
  const expected = { authorization: 'Bearer ****', accept: 'application/json' };
  const pairs: Array<[string, string]> = [
    ['authorization', 'Bearer t0ken'],
    ['accept', 'application/json'],
  ];
  expect(defaultRedactor.headers(new Headers(pairs))).toEqual(expected);
  expect(defaultRedactor.headers(new Map(pairs))).toEqual(expected);
  expect(defaultRedactor.headers(pairs)).toEqual(expected);
});

test('joins array values and repeated names, masking each', () => {
  expect(defaultRedactor.headers({ 'set-cookie': ['a=1', 'b=2'] })).toEqual({ 'set-cookie': '****' });
  expect(
    defaultRedactor.headers([
      ['x-id', '1'],
      ['x-id', '2'],
    ]),
  ).toEqual({ 'x-id': '1, 2' });
});

test('masks a secret value anywhere in text, also percent-encoded and form-encoded', () => {
  const secret = 'p@ss word/+=';
  const redactor = createRedactor({ secrets: [secret] });
  expect(redactor.text(`a ${secret} b`)).toBe('a **** b');
  expect(redactor.text(`q=${encodeURIComponent(secret)}`)).toBe('q=****');
  expect(redactor.text(`q=${encodeURIComponent(secret).toLowerCase()}`)).toBe('q=****');
  expect(redactor.text(`body: x=${new URLSearchParams([['', secret]]).toString().slice(1)}`)).toBe(
    'body: x=****',
  );
});

test('masks a configured secret in non-sensitive header values too', () => {
  const redactor = createRedactor({ secrets: ['tok-998877'] });
  expect(redactor.headers({ 'X-Forwarded-Auth': 'via tok-998877' })).toEqual({
    'X-Forwarded-Auth': 'via ****',
  });
});

test('masks the longer of two overlapping secrets whole', () => {
  const redactor = createRedactor({ secrets: ['abcd', 'abcdefgh'] });
  expect(redactor.text('abcdefgh')).toBe('****');
});

test('ignores secrets shorter than four characters, which would shred every message', () => {
  expect(createRedactor({ secrets: ['a', 'ab', 'abc'] }).text('a cab abc')).toBe('a cab abc');
});

test('accepts a single string as one secret and one header name', () => {
  const redactor = createRedactor({ secrets: 'single-secret', sensitiveHeaders: 'X-One' } as never);
  expect(redactor.text('x single-secret y')).toBe('x **** y');
  expect(redactor.isSensitiveHeader('x-one')).toBe(true);
});

test('masks URL userinfo', () => {
  expect(defaultRedactor.url('https://user:pa55@meta.example:8585/api')).toBe(
    'https://****@meta.example:8585/api',
  );
  expect(defaultRedactor.url('https://onlyuser@meta.example/')).toBe('https://****@meta.example/');
});

test.each([
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'password',
  'api_key',
  'apiKey',
  'X-Api-Key',
  'signature',
  'X-Amz-Signature',
  'X-Amz-Security-Token',
  'X-Amz-Credential',
  'sig',
  'key',
  'secret',
  'jwt',
  'session_id',
])('masks the %s query parameter', (name) => {
  expect(defaultRedactor.url(`https://h/p?limit=1&${name}=v4lue&after=x`)).toBe(
    `https://h/p?limit=1&${name}=****&after=x`,
  );
});

test.each(['limit', 'after', 'fields', 'q', 'include', 'monkey', 'tokenizer'])(
  'keeps the ordinary %s query parameter',
  (name) => {
    expect(isSensitiveParameterName(name)).toBe(false);
    expect(defaultRedactor.url(`https://h/p?${name}=v`)).toBe(`https://h/p?${name}=v`);
  },
);

test('matches percent-encoded parameter names', () => {
  expect(defaultRedactor.url('https://h/p?access%5Ftoken=abc')).toBe('https://h/p?access%5Ftoken=****');
});

test('masks sensitive pairs in the fragment (OAuth implicit flow)', () => {
  expect(defaultRedactor.url('https://h/cb#access_token=abc&state=s')).toBe(
    'https://h/cb#access_token=****&state=s',
  );
});

test('keeps the rest of the URL byte for byte', () => {
  const url = 'https://h/api/v1/tables?fields=a%2Cb&q=x+y&empty&limit=10';
  expect(defaultRedactor.url(url)).toBe(url);
});

test('accepts a URL object', () => {
  expect(defaultRedactor.url(new URL('http://u:p@h/?token=1'))).toBe('http://****@h/?token=****');
});

test('masks query secrets in a URL it cannot parse', () => {
  expect(defaultRedactor.url('/api/v1/tables?token=abc&limit=1')).toBe('/api/v1/tables?token=****&limit=1');
  expect(defaultRedactor.url('http://us:pw@bad host/?password=x')).toBe(
    'http://****@bad host/?password=****',
  );
});

test('masks URL userinfo and sensitive pairs inside free text', () => {
  expect(defaultRedactor.text('GET https://u:pw@h/x?token=abc failed: reset')).toBe(
    'GET https://****@h/x?token=**** failed: reset',
  );
  expect(defaultRedactor.text('login failed for password=hunter2.')).toBe('login failed for password=****.');
  expect(defaultRedactor.text('token=abc: rejected')).toBe('token=****: rejected');
});

test('masks sensitive quoted JSON pairs inside text, also when cut short', () => {
  expect(defaultRedactor.text('{"user": "ann", "password" : "pw\\"1", "n": 1}')).toBe(
    '{"user": "ann", "password" : "****", "n": 1}',
  );
  expect(defaultRedactor.text('{"access_token": "eyJabc')).toBe('{"access_token": "****');
});

test('leaves text without secrets exactly as it was', () => {
  const text = 'Entity with id [42] not found. a=1&b=2 "name": "x" https://h/p';
  expect(defaultRedactor.text(text)).toBe(text);
});

test('redacts JSON values deeply: sensitive keys masked, secrets masked by value', () => {
  const redactor = createRedactor({ secrets: ['tok-556677'] });
  const body = {
    message: 'failed with tok-556677',
    password: 'pw',
    client_secret: 12345,
    headers: { Authorization: 'Bearer tok-556677', accept: 'json' },
    list: [{ apiKey: 'k' }, 'tok-556677', 3, null, true],
    nested: { deeper: { accessToken: 'abc' } },
  };
  expect(redactor.value(body)).toEqual({
    message: 'failed with ****',
    password: '****',
    client_secret: '****',
    headers: { Authorization: 'Bearer ****', accept: 'json' },
    list: [{ apiKey: '****' }, '****', 3, null, true],
    nested: { deeper: { accessToken: '****' } },
  });
  expect(body.password).toBe('pw');
});

test('keeps a __proto__ key of a parsed body as a plain key', () => {
  const body = JSON.parse('{"__proto__": {"polluted": true}, "ok": 1}');
  const copy = defaultRedactor.value(body) as Record<string, unknown>;
  expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  expect(Object.hasOwn(copy, '__proto__')).toBe(true);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

test('extends a redactor with more names and secrets without changing the original', () => {
  const base = createRedactor({ secrets: ['first-secret'] });
  const extended = base.extend({ sensitiveHeaders: ['X-Extra'], secrets: ['second-secret'] });
  expect(extended.text('first-secret second-secret')).toBe('**** ****');
  expect(extended.isSensitiveHeader('x-extra')).toBe(true);
  expect(base.text('second-secret')).toBe('second-secret');
  expect(base.isSensitiveHeader('x-extra')).toBe(false);
});

test('extending with nothing new (no names, only secrets it already masks) returns the same redactor', () => {
  const base = createRedactor({ secrets: ['first-secret'] });
  // REST extends the attempt's redactor with every sensitive header of a per-call or hook request, token included.
  expect(base.extend({ secrets: ['first-secret'] })).toBe(base);
  expect(base.extend({})).toBe(base);
  expect(base.extend({ secrets: ['first-secret', 'second-secret'] })).not.toBe(base);
  expect(base.extend({ sensitiveHeaders: ['X-Extra'] })).not.toBe(base);
});
