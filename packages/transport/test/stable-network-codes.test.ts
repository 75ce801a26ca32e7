import { isNetworkError, type NetworkError } from '@meta/errors';
import { ChunkedFramingError, mapTransportError, PARSER_ERROR_CODE } from '@meta/transport/adapter';
import { describe, expect, test } from 'vitest';

/*
 * The platform errors below are shaped like the ones undici 6 (Node 20's fetch), undici 7 and 8 and node:http
 * throw for the same fault: each adapter must report one stable code for it (SPEC 2: same classes, same codes).
 */

const CONTEXT = { method: 'GET', url: 'http://api.test/x', beforeResponse: true } as const;

function codeOf(error: unknown): { code: string; beforeResponse: boolean; retryable: boolean } {
  const mapped = mapTransportError(error, CONTEXT);
  expect(isNetworkError(mapped), String(mapped)).toBe(true);
  const { code, beforeResponse, retryable } = mapped as NetworkError;
  return { code, beforeResponse, retryable };
}

function platformError(name: string, code: string | undefined, cause?: unknown): Error {
  const error = new Error(`${name} failure`, cause === undefined ? undefined : { cause });
  error.name = name;
  if (code !== undefined) Object.assign(error, { code });
  return error;
}

describe('a response the HTTP/1.1 parser refuses is HPE_INVALID_RESPONSE on every parser', () => {
  test.each([
    ['undici 7/8 (HTTPParserError without a code)', platformError('HTTPParserError', undefined)],
    [
      "Node 20's fetch (llhttp code, wrapped in fetch's TypeError)",
      new TypeError('fetch failed', {
        cause: platformError('HTTPParserError', 'HPE_UNEXPECTED_CONTENT_LENGTH'),
      }),
    ],
    [
      "undici's Content-Length check",
      platformError('ResponseContentLengthMismatchError', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH'),
    ],
    ["node:http's parser", platformError('Error', 'HPE_INVALID_TRANSFER_ENCODING')],
  ])('%s', (_title, error) => {
    expect(codeOf(error)).toEqual({ code: PARSER_ERROR_CODE, beforeResponse: false, retryable: false });
  });

  test("the transports' own strict chunked decoder keeps its code (the same on every adapter)", () => {
    expect(codeOf(new ChunkedFramingError('a chunk size is not hexadecimal')).code).toBe(
      'HPE_INVALID_CHUNK_SIZE',
    );
  });
});

describe('closed connections are ECONNRESET whatever the undici version calls them', () => {
  test('an HTTP/2 GOAWAY with an error code mid-stream (undici 8: ERR_HTTP2_SESSION_ERROR)', () => {
    expect(codeOf(platformError('Error', 'ERR_HTTP2_SESSION_ERROR')).code).toBe('ECONNRESET');
  });

  test('a proxy closing before it answered CONNECT (undici 8: UND_ERR_PRX_CONN)', () => {
    expect(codeOf(platformError('SecureProxyConnectionError', 'UND_ERR_PRX_CONN'))).toEqual({
      code: 'ECONNRESET',
      beforeResponse: true,
      retryable: true,
    });
  });

  test('a proxy connection error reports the code of its cause when it has one', () => {
    const refused = platformError('Error', 'ECONNREFUSED');
    expect(codeOf(platformError('SecureProxyConnectionError', 'UND_ERR_PRX_CONN', refused)).code).toBe(
      'ECONNREFUSED',
    );
  });
});

test("undici's parser asserting on an unsolicited 101 is ERR_BAD_RESPONSE, not a retryable failure", () => {
  expect(codeOf(platformError('AssertionError', 'ERR_ASSERTION'))).toEqual({
    code: 'ERR_BAD_RESPONSE',
    beforeResponse: false,
    retryable: false,
  });
});
