import { expect, test } from 'vitest';
import { isMetaError, isNetworkError, MetaError, NetworkError } from '../src/index.js';

test('is named NetworkError and recognised by its guard', () => {
  const error = new NetworkError();
  expect(error.name).toBe('NetworkError');
  expect(error).toBeInstanceOf(MetaError);
  expect(isNetworkError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('keeps the system code and names the method and the redacted URL', () => {
  const error = new NetworkError({
    code: 'ECONNREFUSED',
    message: 'connection refused',
    method: 'get',
    url: 'http://user:pw@127.0.0.1:1/api/v1/tables?token=abc',
    beforeResponse: true,
  });
  expect(error.code).toBe('ECONNREFUSED');
  expect(error.method).toBe('GET');
  expect(error.url).toBe('http://****@127.0.0.1:1/api/v1/tables?token=****');
  expect(error.beforeResponse).toBe(true);
  expect(error.message).toBe(
    'GET http://****@127.0.0.1:1/api/v1/tables?token=**** failed: connection refused (ECONNREFUSED)',
  );
});

test('takes its code from the platform error it wraps when none is given', () => {
  const socketError = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  const fetchError = new TypeError('fetch failed', { cause: socketError });
  const error = new NetworkError({ cause: fetchError });
  expect(error.code).toBe('UND_ERR_SOCKET');
  expect(error.cause).toBe(fetchError);
});

test('defaults to ERR_NETWORK, "network error" and beforeResponse false', () => {
  const error = new NetworkError();
  expect(error.code).toBe('ERR_NETWORK');
  expect(error.message).toBe('network error (ERR_NETWORK)');
  expect(error.beforeResponse).toBe(false);
  expect(error.method).toBeUndefined();
  expect(error.url).toBeUndefined();
});

test('serialises method, url and beforeResponse to JSON with the cause summarised', () => {
  const cause = Object.assign(new Error('connect ECONNRESET'), { code: 'ECONNRESET' });
  const json = new NetworkError({ method: 'put', url: 'http://h/x', cause }).toJSON();
  expect(json).toEqual({
    name: 'NetworkError',
    code: 'ECONNRESET',
    message: 'PUT http://h/x failed: network error (ECONNRESET)',
    method: 'PUT',
    url: 'http://h/x',
    beforeResponse: false,
    cause: { name: 'Error', message: 'connect ECONNRESET', code: 'ECONNRESET' },
  });
});
