import { expect, test } from 'vitest';
import { isMetaError, isRetryException, MetaError, RetryException } from '../src/index.js';

test('is named RetryException, coded ERR_RETRY and recognised by its guard', () => {
  const error = new RetryException();
  expect(error.name).toBe('RetryException');
  expect(error.code).toBe('ERR_RETRY');
  expect(error).toBeInstanceOf(MetaError);
  expect(isRetryException(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('carries the attempt, the server-requested delay and the response', () => {
  const error = new RetryException({
    attempt: 2,
    retryAfterMs: 1500,
    response: {
      status: 429,
      statusText: 'Too Many Requests',
      headers: { 'retry-after': '2' },
      body: 'slow down',
    },
  });
  expect(error.attempt).toBe(2);
  expect(error.retryAfterMs).toBe(1500);
  expect(error.response).toEqual({
    status: 429,
    statusText: 'Too Many Requests',
    headers: { 'retry-after': '2' },
    body: 'slow down',
  });
  expect(error.message).toBe('Retryable response: HTTP 429');
});

test('reads "Retryable failure" without a response and leaves the optional fields undefined', () => {
  const error = new RetryException();
  expect(error.message).toBe('Retryable failure');
  expect(error.attempt).toBeUndefined();
  expect(error.response).toBeUndefined();
  expect(error.retryAfterMs).toBeUndefined();
});

test('uses a message a hook gave it', () => {
  expect(new RetryException({ message: 'hook asked for a retry' }).message).toBe('hook asked for a retry');
});

test('keeps its cause', () => {
  const cause = new Error('reset');
  expect(new RetryException({ cause }).cause).toBe(cause);
});

test('stores the response headers redacted', () => {
  const error = new RetryException({ response: { status: 503, headers: { 'Set-Cookie': 'sid=abc' } } });
  expect(error.response?.headers).toEqual({ 'Set-Cookie': '****' });
});

test('serialises attempt, delay and response to JSON', () => {
  const json = new RetryException({ attempt: 1, retryAfterMs: 10, response: { status: 504 } }).toJSON();
  expect(json).toMatchObject({ name: 'RetryException', code: 'ERR_RETRY', attempt: 1, retryAfterMs: 10 });
  expect(json.response).toMatchObject({ status: 504 });
});
