import { isConfigError } from '@meta/errors';
import { createTransportHeaders } from '@meta/transport/adapter';
import { expect, test } from 'vitest';
import {
  hasForbiddenValueCharacter,
  isHeaderToken,
  isJsonContentType,
  ownOptions,
  requestProblem,
  timerDelay,
} from '../src/adapter/index.js';

test('a repeated identical JSON media type (a duplicated Content-Type joined by a comma) is still JSON', () => {
  expect(isJsonContentType('application/json, application/json')).toBe(true);
  expect(isJsonContentType('Application/JSON; charset=utf-8, application/json')).toBe(true);
  expect(isJsonContentType('application/vnd.api+json')).toBe(true);
  expect(isJsonContentType('application/json, text/html')).toBe(false);
  expect(isJsonContentType('text/plain')).toBe(false);
  expect(isJsonContentType('application/json; profile="a,b"')).toBe(true);
  expect(isJsonContentType(null)).toBe(false);
  expect(isJsonContentType('+json')).toBe(false);
});

test('header names are RFC 9110 tokens; values refuse control characters, DEL and characters above U+00FF', () => {
  expect(isHeaderToken('X-Request-Id')).toBe(true);
  expect(isHeaderToken('X Id')).toBe(false);
  expect(isHeaderToken('')).toBe(false);
  expect(hasForbiddenValueCharacter('a\tb caf\u00e9')).toBe(false);
  for (const bad of ['a\r\nb', 'a\0', 'a\u0007', 'a\u007f', 'a\u2713'])
    expect(hasForbiddenValueCharacter(bad)).toBe(true);
});

test('a one-character name is a token exactly for the 77 RFC 9110 tchar characters, among all of ASCII and beyond', () => {
  // RFC 9110 section 5.6.2, spelled out: the source builds its table from a character class instead.
  const tchar = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const accepted: string[] = [];
  for (let code = 0; code < 0x180; code++) {
    if (isHeaderToken(String.fromCharCode(code))) accepted.push(String.fromCharCode(code));
  }
  expect(accepted.sort()).toEqual([...tchar].sort());
});

test('an Expect header is a ConfigError naming it before any connection (issue 12.9)', () => {
  const problem = requestProblem({
    method: 'POST',
    url: 'http://api.test/x',
    headers: { Expect: '100-continue' },
    body: 'x',
  });
  expect(isConfigError(problem)).toBe(true);
  expect(problem?.field).toBe('headers.Expect');
});

test('the timer cap holds any deadline a timer can hold, and no more', () => {
  expect(timerDelay(Number.POSITIVE_INFINITY)).toBe(2 ** 31 - 1);
  expect(timerDelay(2 ** 40)).toBe(2 ** 31 - 1);
  expect(timerDelay(250)).toBe(250);
});

test('own options ignore a polluted prototype', () => {
  const options = Object.create({ fetch: 'planted' }) as { fetch?: unknown; own?: number };
  options.own = 1;
  const copy = ownOptions(options);
  expect(copy.fetch).toBeUndefined();
  expect(copy.own).toBe(1);
  expect(createTransportHeaders({ A: '1' }).get('a')).toBe('1');
});
