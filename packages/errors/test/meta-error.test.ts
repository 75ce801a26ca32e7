import { inspect } from 'node:util';
import { expect, test } from 'vitest';
import { APIError, isMetaError, MetaError, NetworkError } from '../src/index.js';
import { ERROR_KINDS, hasErrorKind } from '../src/meta-error.js';

test('is named MetaError and keeps its message and code', () => {
  const error = new MetaError('something failed', 'ERR_SOMETHING');
  expect(error.name).toBe('MetaError');
  expect(error.message).toBe('something failed');
  expect(error.code).toBe('ERR_SOMETHING');
  expect(error).toBeInstanceOf(Error);
  expect(isMetaError(error)).toBe(true);
});

test('keeps its cause as the standard, non-enumerable cause property', () => {
  const cause = new Error('root');
  const error = new MetaError('wrapped', 'ERR_X', { cause });
  expect(error.cause).toBe(cause);
  expect(Object.keys(error)).not.toContain('cause');
});

test('has no cause property at all when none was given', () => {
  expect('cause' in new MetaError('x', 'ERR_X')).toBe(false);
});

test('brands every error with the kinds of its whole class chain', () => {
  const error = new APIError({ message: 'x' });
  const kinds = (error as unknown as Record<symbol, unknown>)[ERROR_KINDS];
  expect(kinds).toEqual(['APIError', 'MetaError']);
  expect(Object.isFrozen(kinds)).toBe(true);
  expect(Object.keys(error)).not.toContain(String(ERROR_KINDS));
});

test('uses the global symbol registry for the brand, so every copy of the package shares it', () => {
  expect(ERROR_KINDS).toBe(Symbol.for('@meta/errors.kinds'));
  expect(hasErrorKind({ [Symbol.for('@meta/errors.kinds')]: ['APIError'] }, 'APIError')).toBe(true);
});

test('starts its stack with its own name and message', () => {
  const error = new NetworkError({ code: 'ECONNRESET' });
  expect(error.stack?.split('\n')[0]).toBe('NetworkError: network error (ECONNRESET)');
});

test('prints as "Name: message" with String()', () => {
  expect(String(new MetaError('boom', 'ERR_X'))).toBe('MetaError: boom');
});

test('shows its fields, not its internals, under util.inspect', () => {
  const text = inspect(new NetworkError({ code: 'ECONNREFUSED', url: 'http://h/' }));
  expect(text).toContain('NetworkError: http://h/ failed: network error (ECONNREFUSED)');
  expect(text).toContain('"code": "ECONNREFUSED"');
  expect(text).not.toContain('Redactor');
});

test('summarises a chain of causes in toJSON, @meta errors in full', () => {
  const root = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
  const network = new NetworkError({ cause: root, url: 'http://h/' });
  const error = new MetaError('outer', 'ERR_OUTER', { cause: network });
  expect(error.toJSON().cause).toEqual({
    name: 'NetworkError',
    code: 'ECONNRESET',
    message: 'http://h/ failed: network error (ECONNRESET)',
    url: 'http://h/',
    beforeResponse: false,
    cause: { name: 'Error', message: 'read ECONNRESET', code: 'ECONNRESET' },
  });
});

test('survives a cycle of causes in toJSON and util.inspect', () => {
  const first = new MetaError('first', 'ERR_A');
  const second = new MetaError('second', 'ERR_B', { cause: first });
  Object.defineProperty(first, 'cause', { value: second, configurable: true });
  expect(() => JSON.stringify(first)).not.toThrow();
  expect(inspect(first)).toContain('first');
});

test('survives a platform error whose cause points back at itself', () => {
  const loop = new Error('loop') as Error & { cause?: unknown };
  loop.cause = loop;
  expect(() => JSON.stringify(new MetaError('x', 'ERR_X', { cause: loop }))).not.toThrow();
});

test('shows a non-error cause as text', () => {
  expect(new MetaError('x', 'ERR_X', { cause: 'plain reason' }).toJSON().cause).toBe('plain reason');
});

test('masks configured secrets in its message', () => {
  expect(new MetaError('token abcd-1234 failed', 'ERR_X', { secrets: ['abcd-1234'] }).message).toBe(
    'token **** failed',
  );
});

test('falls back to the prototype chain for instanceof on a caller subclass', () => {
  class CustomError extends MetaError {}
  const custom = new CustomError('x', 'ERR_X');
  expect(custom.name).toBe('CustomError');
  expect(custom instanceof CustomError).toBe(true);
  expect(new MetaError('y', 'ERR_Y') instanceof CustomError).toBe(false);
  expect(isMetaError(custom)).toBe(true);
});

test('still renders under util.inspect when a hand-built body holds a BigInt', () => {
  const error = new APIError({ message: 'big', id: 10n }, { response: { status: 500 } });
  expect(inspect(error)).toContain('APIError: big');
});
