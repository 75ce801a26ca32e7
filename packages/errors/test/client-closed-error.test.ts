import { expect, test } from 'vitest';
import { ClientClosedError, isClientClosedError, isMetaError, MetaError } from '../src/index.js';

test('is named ClientClosedError, coded ERR_CLIENT_CLOSED and recognised by its guard', () => {
  const error = new ClientClosedError();
  expect(error.name).toBe('ClientClosedError');
  expect(error.code).toBe('ERR_CLIENT_CLOSED');
  expect(error).toBeInstanceOf(MetaError);
  expect(isClientClosedError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('reads "The client is closed" by default and takes a custom message', () => {
  expect(new ClientClosedError().message).toBe('The client is closed');
  expect(new ClientClosedError('closed while waiting in backoff').message).toBe(
    'closed while waiting in backoff',
  );
});

test('keeps its cause', () => {
  const cause = new Error('close() called');
  expect(new ClientClosedError(undefined, { cause }).cause).toBe(cause);
});
