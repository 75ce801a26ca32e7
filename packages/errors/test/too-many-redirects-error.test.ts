import { expect, test } from 'vitest';
import { isMetaError, isTooManyRedirectsError, MetaError, TooManyRedirectsError } from '../src/index.js';

test('is named TooManyRedirectsError, coded ERR_TOO_MANY_REDIRECTS and recognised by its guard', () => {
  const error = new TooManyRedirectsError({ maxRedirects: 10 });
  expect(error.name).toBe('TooManyRedirectsError');
  expect(error.code).toBe('ERR_TOO_MANY_REDIRECTS');
  expect(error).toBeInstanceOf(MetaError);
  expect(isTooManyRedirectsError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('keeps the limit and the visited chain, redacted', () => {
  const error = new TooManyRedirectsError({
    maxRedirects: 1,
    method: 'get',
    url: 'http://h/b?token=2',
    chain: ['http://h/a?token=1', new URL('http://h/b?token=2')],
  });
  expect(error.maxRedirects).toBe(1);
  expect(error.chain).toEqual(['http://h/a?token=****', 'http://h/b?token=****']);
  expect(error.url).toBe('http://h/b?token=****');
  expect(error.message).toBe('GET http://h/b?token=****: more than 1 redirects');
});

test('has an empty chain when none was given', () => {
  expect(new TooManyRedirectsError({ maxRedirects: 0 }).chain).toEqual([]);
});

test('keeps its cause and serialises its fields', () => {
  const cause = new Error('loop');
  const error = new TooManyRedirectsError({ maxRedirects: 2, chain: ['http://h/'], cause });
  expect(error.cause).toBe(cause);
  expect(error.toJSON()).toMatchObject({ maxRedirects: 2, chain: ['http://h/'], cause: { message: 'loop' } });
});
