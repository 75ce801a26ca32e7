import { isConfigError, isResponseTooLargeError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import { checkMaxBytes, textPrefixOf } from '../src/adapter/index.js';
import { readTextPrefix, type TransportResponse } from '../src/index.js';
import { createTestingTransport } from '../src/testing/index.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** A response as a transport written before `textPrefix` existed would build it: no bounded read. */
function legacyResponse(body: Uint8Array): TransportResponse & { reads: number } {
  const response = {
    status: 500,
    statusText: 'Internal Server Error',
    headers: {
      get: () => null,
      getAll: () => [],
      has: () => false,
    } as unknown as TransportResponse['headers'],
    url: 'http://api.test/x',
    bodyUsed: false,
    reads: 0,
    text: async () => new TextDecoder().decode(body),
    bytes: async () => {
      response.reads++;
      response.bodyUsed = true;
      return body;
    },
    json: async () => JSON.parse(new TextDecoder().decode(body)),
    cancel: async () => undefined,
  };
  return response;
}

describe('textPrefixOf', () => {
  test('a body within maxBytes is the whole text, not truncated', () => {
    expect(textPrefixOf(encode('hello'), 5)).toEqual({ text: 'hello', truncated: false });
    expect(textPrefixOf(encode(''), 0)).toEqual({ text: '', truncated: false });
  });

  test('a longer body is cut before the character that does not fit whole, and marked truncated', () => {
    // 'ï' is 2 bytes (3-4), '€' 3 bytes (2-4), the emoji 4 bytes (1-4).
    expect(textPrefixOf(encode('naïve'), 3)).toEqual({ text: 'na', truncated: true });
    expect(textPrefixOf(encode('ab€cd'), 4)).toEqual({ text: 'ab', truncated: true });
    expect(textPrefixOf(encode('a😀b'), 4)).toEqual({ text: 'a', truncated: true });
    expect(textPrefixOf(encode('a😀b'), 5)).toEqual({ text: 'a😀', truncated: true });
    expect(textPrefixOf(encode('abc'), 0)).toEqual({ text: '', truncated: true });
  });

  test('a leading byte order mark is dropped, as text() drops it', () => {
    expect(textPrefixOf(encode('\uFEFFabcdef'), 5)).toEqual({ text: 'ab', truncated: true });
  });

  test('bytes that are not UTF-8 decode to U+FFFD, wherever the cut falls', () => {
    const bytes = new Uint8Array([0x61, 0x80, 0x80, 0x80, 0x80, 0x80, 0x62]);
    expect(textPrefixOf(bytes, 5)).toEqual({ text: 'a\uFFFD\uFFFD\uFFFD\uFFFD', truncated: true });
  });
});

describe('readTextPrefix', () => {
  test.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '10', undefined])(
    'maxBytes %s is a ConfigError naming maxBytes, and the body stays unread',
    async (maxBytes) => {
      const response = legacyResponse(encode('body'));
      const error = await readTextPrefix(response, maxBytes as number).catch((caught: unknown) => caught);
      expect(isConfigError(error)).toBe(true);
      expect(error).toMatchObject({ field: 'maxBytes' });
      expect(response.bodyUsed).toBe(false);
      expect(() => checkMaxBytes(maxBytes)).toThrow(/maxBytes/);
    },
  );

  test('a transport without textPrefix falls back to bytes(), cut the same way', async () => {
    const response = legacyResponse(encode('ab€cd'));
    expect(await readTextPrefix(response, 4)).toEqual({ text: 'ab', truncated: true });
    expect(response.reads).toBe(1);
    expect(await readTextPrefix(legacyResponse(encode('ab€cd')), 64)).toEqual({
      text: 'ab€cd',
      truncated: false,
    });
  });
});

describe('testing transport textPrefix', () => {
  const request = (extra: { maxResponseBytes?: number } = {}) => ({
    method: 'GET',
    url: 'http://api.test/error',
    headers: {},
    ...extra,
  });

  test('returns the first maxBytes as text, marked truncated, and consumes the body', async () => {
    const transport = createTestingTransport(() => ({ status: 500, body: 'x'.repeat(100) }));
    const response = await transport.send(request());
    expect(await response.textPrefix!(10)).toEqual({ text: 'x'.repeat(10), truncated: true });
    expect(response.bodyUsed).toBe(true);
    await expect(response.text()).rejects.toThrow(TypeError);
  });

  test('maxResponseBytes below maxBytes wins with ResponseTooLargeError, as every read; above it, the prefix', async () => {
    const transport = createTestingTransport(() => ({ status: 500, body: 'x'.repeat(100) }));
    const limited = await transport.send(request({ maxResponseBytes: 50 }));
    expect(isResponseTooLargeError(await limited.textPrefix!(80).catch((error: unknown) => error))).toBe(
      true,
    );
    const roomy = await transport.send(request({ maxResponseBytes: 50 }));
    expect(await roomy.textPrefix!(20)).toEqual({ text: 'x'.repeat(20), truncated: true });
  });
});
