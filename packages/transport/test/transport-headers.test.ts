import { isResponseParseError } from '@meta/errors';
import { expect, test } from 'vitest';
import { createTransportHeaders, parseContentCodings, withAcceptEncoding } from '../src/adapter/index.js';

const context = { method: 'GET', url: 'http://api.test/x', statusCode: 200 };

test('headers keep repeated values from pairs and differently cased record keys', () => {
  const fromPairs = createTransportHeaders([
    ['Set-Cookie', 'a=1'],
    ['set-cookie', 'b=2'],
  ]);
  expect(fromPairs.getAll('SET-COOKIE')).toEqual(['a=1', 'b=2']);
  expect(fromPairs.get('set-cookie')).toBe('a=1, b=2');
  const fromRecord = createTransportHeaders({ 'X-A': '1', 'x-a': ['2', '3'] });
  expect(fromRecord.getAll('x-a')).toEqual(['1', '2', '3']);
  expect(fromRecord.toRecord()).toEqual({ 'x-a': '1, 2, 3' });
});

test('headers never find inherited object properties', () => {
  const headers = createTransportHeaders({ accept: 'x' });
  expect(headers.get('constructor')).toBeNull();
  expect(headers.has('toString')).toBe(false);
  expect(headers.getAll('__proto__')).toEqual([]);
});

test('content codings are read in order, identity dropped and x-gzip read as gzip', () => {
  expect(parseContentCodings('X-Gzip, identity, br', context)).toEqual(['gzip', 'br']);
  expect(parseContentCodings(null, context)).toEqual([]);
});

test('an unknown coding and a sixth coding are ResponseParseErrors naming the request', () => {
  for (const header of ['zstd', 'gzip, gzip, gzip, gzip, gzip, gzip']) {
    let error: unknown;
    try {
      parseContentCodings(header, context);
    } catch (caught) {
      error = caught;
    }
    expect(isResponseParseError(error), header).toBe(true);
    expect((error as Error).message).toContain('GET http://api.test/x');
  }
});

test('Accept-Encoding is added unless the caller set one in any case', () => {
  expect(withAcceptEncoding({ accept: 'x' })).toEqual({
    accept: 'x',
    'accept-encoding': 'gzip, deflate, br',
  });
  const chosen = { 'ACCEPT-ENCODING': 'identity' };
  expect(withAcceptEncoding(chosen)).toBe(chosen);
});
