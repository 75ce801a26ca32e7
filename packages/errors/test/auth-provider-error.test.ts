import { expect, test } from 'vitest';
import { AuthProviderError, isAuthProviderError, isMetaError, MetaError } from '../src/index.js';

test('is named AuthProviderError, coded ERR_AUTH_PROVIDER and recognised by its guard', () => {
  const error = new AuthProviderError();
  expect(error.name).toBe('AuthProviderError');
  expect(error.code).toBe('ERR_AUTH_PROVIDER');
  expect(error).toBeInstanceOf(MetaError);
  expect(isAuthProviderError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('reads "The auth token provider failed" by default and takes a custom message', () => {
  expect(new AuthProviderError().message).toBe('The auth token provider failed');
  expect(new AuthProviderError('provider returned no expiry').message).toBe('provider returned no expiry');
});

test('keeps what the provider threw as its cause, even a non-Error', () => {
  const thrown = { reason: 'vault sealed' };
  const error = new AuthProviderError('provider failed', { cause: thrown });
  expect(error.cause).toBe(thrown);
  expect(error.toJSON().cause).toBe('[object Object]');
});

test('summarises a provider Error cause by name and message in JSON', () => {
  const error = new AuthProviderError(undefined, { cause: new TypeError('bad shape') });
  expect(error.toJSON().cause).toEqual({ name: 'TypeError', message: 'bad shape' });
});
