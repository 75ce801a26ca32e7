import { expect, test } from 'vitest';
import { wrapLowercaseHeaders } from '../src/transport-headers.js';
import {
  type HeaderParser,
  type RawHeaderList,
  RawResponseHeaders,
} from '../src/undici/raw-response-headers.js';
import { undici } from './undici-module.js';

const parseHeaders = (undici as unknown as { util: { parseHeaders: HeaderParser } }).util.parseHeaders;

function raw(...pairs: Array<[string, string]>): RawHeaderList {
  return pairs.flatMap(([name, value]) => [Buffer.from(name, 'latin1'), Buffer.from(value, 'latin1')]);
}

const lists: Record<string, RawHeaderList> = {
  'one of each': raw(['Content-Type', 'application/json'], ['Content-Length', '12'], ['Date', 'x']),
  'repeated names in any case': raw(['Set-Cookie', 'a=1'], ['set-cookie', 'b=2'], ['SET-COOKIE', 'c=3']),
  'names an object literal would inherit': raw(['constructor', 'c'], ['__proto__', 'p'], ['toString', 't']),
  'latin1 values and empty ones': raw(['X-Name', 'caf\u00e9'], ['X-Empty', ''], ['X-Tab', 'a\tb']),
  'strings instead of buffers': ['Retry-After', '5', 'retry-after', '7', 'ETag', '"v1"'],
  'the framing and coding headers, once each in any case': raw(
    ['CONTENT-TYPE', 'text/plain'],
    ['Content-Length', '3'],
    ['content-Encoding', 'gzip'],
    ['Transfer-Encoding', 'chunked'],
    ['X-Length-Twelve', 'x'],
  ),
  'the framing and coding headers repeated': raw(
    ['Content-Type', 'a/b'],
    ['Transfer-Encoding', 'gzip'],
    ['content-type', 'c/d'],
    ['Content-Encoding', 'br'],
    ['transfer-encoding', 'chunked'],
    ['CONTENT-ENCODING', 'gzip'],
    ['Content-Length', '1'],
    ['content-length', '1'],
  ),
  'names as long as the indexed ones but different': raw(
    ['content-typo', 'x'],
    ['content-lengtx', 'y'],
    ['content-encodinG', 'z'],
    ['transfer-encodinx', 'w'],
  ),
  'HTTP/2 repeated values as arrays': [
    'content-type',
    ['a/b', 'c/d'],
    'content-length',
    '5',
    'x-many',
    ['1', '2'],
  ] as unknown as RawHeaderList,
};

const lookups = [
  'content-type',
  'Content-Type',
  'content-length',
  'content-encoding',
  'Content-Encoding',
  'transfer-encoding',
  'TRANSFER-ENCODING',
  'x-many',
  'content-typo',
  'Content-Length',
  'DATE',
  'set-cookie',
  'Set-Cookie',
  'constructor',
  '__proto__',
  'tostring',
  'x-name',
  'x-empty',
  'x-tab',
  'retry-after',
  'etag',
  'missing',
  'hasOwnProperty',
];

test.each(Object.entries(lists))(
  'raw headers answer every lookup as undici-parsed headers do: %s',
  (_label, list) => {
    const lazy = new RawResponseHeaders(list, parseHeaders);
    const parsed = wrapLowercaseHeaders(parseHeaders(list));
    for (const name of lookups) {
      expect(lazy.get(name), `get(${name})`).toBe(parsed.get(name));
      expect(lazy.getAll(name), `getAll(${name})`).toEqual(parsed.getAll(name));
      expect(lazy.has(name), `has(${name})`).toBe(parsed.has(name));
    }
    expect([...lazy]).toEqual([...parsed]);
    expect(lazy.toRecord()).toEqual(parsed.toRecord());
  },
);

test('raw headers decode only the values looked up, and parse the whole list once for entries()', () => {
  let parses = 0;
  const counting: HeaderParser = (list) => {
    parses++;
    return parseHeaders(list);
  };
  const headers = new RawResponseHeaders(lists['one of each']!, counting);
  expect(headers.get('content-type')).toBe('application/json');
  expect(headers.has('date')).toBe(true);
  expect(parses).toBe(0);
  expect(headers.toRecord()).toEqual({
    'content-type': 'application/json',
    'content-length': '12',
    date: 'x',
  });
  expect([...headers.entries()]).toHaveLength(3);
  expect(parses).toBe(1);
});
