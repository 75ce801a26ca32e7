import { expect, test } from 'vitest';
import { ConfigError, type ConfigIssue, isConfigError, isMetaError, MetaError } from '../src/index.js';

test('is named ConfigError, coded ERR_CONFIG and recognised by its guard', () => {
  const error = new ConfigError('retry must be >= 0', { field: 'retry' });
  expect(error.name).toBe('ConfigError');
  expect(error.code).toBe('ERR_CONFIG');
  expect(error.message).toBe('retry must be >= 0');
  expect(error).toBeInstanceOf(MetaError);
  expect(isConfigError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('names the field and makes itself the single issue when none are given', () => {
  const error = new ConfigError('bad header', { field: 'extraHeaders.X-Id' });
  expect(error.field).toBe('extraHeaders.X-Id');
  expect(error.issues).toEqual([{ path: ['extraHeaders', 'X-Id'], message: 'bad header' }]);
});

test('carries zod-shaped issues, keeping only path, message and code', () => {
  const zodIssue = { code: 'too_small', path: ['retry'], message: 'Too small', input: -1, minimum: 0 };
  const error = new ConfigError('invalid config', { field: 'retry', issues: [zodIssue as ConfigIssue] });
  expect(error.issues).toEqual([{ code: 'too_small', path: ['retry'], message: 'Too small' }]);
  expect(Object.isFrozen(error.issues)).toBe(true);
});

test('keeps its cause', () => {
  const cause = new Error('zod failed');
  expect(new ConfigError('invalid', { field: 'baseUrl', cause }).cause).toBe(cause);
});

test('masks a configured secret in the message and in issue messages', () => {
  const error = new ConfigError('value s3cr3t-v4lue is bad', {
    field: 'extraHeaders.Authorization',
    issues: [{ path: ['extraHeaders'], message: 'got s3cr3t-v4lue' }],
    secrets: ['s3cr3t-v4lue'],
  });
  expect(error.message).toBe('value **** is bad');
  expect(error.issues[0]?.message).toBe('got ****');
});

test('serialises field and issues to JSON, symbols in paths as text', () => {
  const json = new ConfigError('bad', {
    field: 'x',
    issues: [{ path: [Symbol('s'), 0], message: 'm' }],
  }).toJSON();
  expect(json).toEqual({
    name: 'ConfigError',
    code: 'ERR_CONFIG',
    message: 'bad',
    field: 'x',
    issues: [{ path: ['Symbol(s)', 0], message: 'm' }],
  });
});
