import { expect, test } from 'vitest';
import {
  type ConfigIssue,
  isMetaError,
  isResponseParseError,
  MetaError,
  ResponseParseError,
} from '../src/index.js';
import { PARSE_SNIPPET_CHARACTERS } from '../src/response-parse-error.js';

test('is named ResponseParseError, coded ERR_RESPONSE_PARSE and recognised by its guard', () => {
  const error = new ResponseParseError();
  expect(error.name).toBe('ResponseParseError');
  expect(error.code).toBe('ERR_RESPONSE_PARSE');
  expect(error).toBeInstanceOf(MetaError);
  expect(isResponseParseError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test('names the target, the reason and the status', () => {
  const error = new ResponseParseError({
    statusCode: 200,
    method: 'get',
    url: 'http://h/api/v1/tables',
    message: 'invalid JSON',
    snippet: '{"data": [',
  });
  expect(error.message).toBe('GET http://h/api/v1/tables: invalid JSON (HTTP 200)');
  expect(error.statusCode).toBe(200);
  expect(error.snippet).toBe('{"data": [');
  expect(error.method).toBe('GET');
  expect(error.url).toBe('http://h/api/v1/tables');
});

test('reads "the response body could not be parsed" by default, with optional fields undefined', () => {
  const error = new ResponseParseError();
  expect(error.message).toBe('the response body could not be parsed');
  expect(error.statusCode).toBeUndefined();
  expect(error.snippet).toBeUndefined();
  expect(error.issues).toBeUndefined();
});

test('bounds the snippet to PARSE_SNIPPET_CHARACTERS', () => {
  const error = new ResponseParseError({ snippet: 'y'.repeat(PARSE_SNIPPET_CHARACTERS + 10) });
  expect(error.snippet).toBe(`${'y'.repeat(PARSE_SNIPPET_CHARACTERS)}… [10 more characters]`);
});

test('carries schema issues without the rejected input', () => {
  const issue = { code: 'invalid_type', path: ['data', 0, 'id'], message: 'Expected string', input: 42 };
  const error = new ResponseParseError({ issues: [issue as ConfigIssue] });
  expect(error.issues).toEqual([
    { code: 'invalid_type', path: ['data', 0, 'id'], message: 'Expected string' },
  ]);
});

test('masks secrets in the snippet, even one straddling the cut', () => {
  const secret = 'straddling-secret-value';
  const snippet = `${'a'.repeat(PARSE_SNIPPET_CHARACTERS - 5)}${secret}`;
  const error = new ResponseParseError({ snippet, secrets: [secret] });
  expect(error.snippet).not.toContain(secret.slice(0, 5));
  expect(error.snippet?.startsWith('a'.repeat(PARSE_SNIPPET_CHARACTERS - 5))).toBe(true);
});

test('keeps its cause', () => {
  const cause = new SyntaxError('Unexpected end of JSON input');
  expect(new ResponseParseError({ cause }).cause).toBe(cause);
});
