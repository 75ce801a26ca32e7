import { expect, test } from 'vitest';
import { isMetaError, isResponseTooLargeError, MetaError, ResponseTooLargeError } from '../src/index.js';

test('is named ResponseTooLargeError, coded ERR_RESPONSE_TOO_LARGE and recognised by its guard', () => {
  const error = new ResponseTooLargeError({ limitBytes: 1024 });
  expect(error.name).toBe('ResponseTooLargeError');
  expect(error.code).toBe('ERR_RESPONSE_TOO_LARGE');
  expect(error).toBeInstanceOf(MetaError);
  expect(isResponseTooLargeError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('names the limit, the status, the method and the redacted URL', () => {
  const error = new ResponseTooLargeError({
    limitBytes: 1024,
    statusCode: 200,
    method: 'get',
    url: 'http://h/big?sig=abc',
  });
  expect(error.message).toBe('GET http://h/big?sig=****: response body exceeded 1024 bytes');
  expect(error.limitBytes).toBe(1024);
  expect(error.statusCode).toBe(200);
  expect(error.method).toBe('GET');
  expect(error.url).toBe('http://h/big?sig=****');
});

test('reads well without a target', () => {
  const error = new ResponseTooLargeError({ limitBytes: 5 });
  expect(error.message).toBe('response body exceeded 5 bytes');
  expect(error.statusCode).toBeUndefined();
});

test('keeps its cause and serialises its fields', () => {
  const cause = new RangeError('limit');
  const error = new ResponseTooLargeError({ limitBytes: 5, statusCode: 200, cause });
  expect(error.cause).toBe(cause);
  expect(error.toJSON()).toMatchObject({ limitBytes: 5, statusCode: 200, cause: { name: 'RangeError' } });
});
