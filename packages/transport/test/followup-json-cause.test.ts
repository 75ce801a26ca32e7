import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { createRedactor, isResponseParseError, type ResponseParseError } from '@meta/errors';
import { createFetchTransport, type Transport } from '@meta/transport';
import { parseJsonBody, redactedJsonCause } from '@meta/transport/adapter';
import { createTestingTransport } from '@meta/transport/testing';
import { createUndiciTransport } from '@meta/transport/undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { undici } from './undici-module.js';

/*
 * A JSON parse error must not keep V8's SyntaxError as its cause: its message quotes the body (a short body
 * whole), and an error body may echo a token. The cause keeps the engine's words before the quote, redacted.
 */

const TOKEN_BODY = 'sk-live-0123456789abcdef';

let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(TOKEN_BODY);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function jsonFailure(transport: Transport): Promise<ResponseParseError> {
  try {
    const response = await transport.send({
      method: 'GET',
      url: `${origin}/echo`,
      headers: {},
      timeoutMs: 5000,
    });
    const error = await response.json().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(isResponseParseError(error), String(error)).toBe(true);
    return error as ResponseParseError;
  } finally {
    await transport.close();
  }
}

function expectCauseWithoutBody(error: ResponseParseError): void {
  const cause = error.cause as Error;
  expect(cause).toBeInstanceOf(SyntaxError);
  // The engine's own words stay (what went wrong, where), the quoted body goes.
  expect(cause.message).toMatch(/^Unexpected token/);
  expect(cause.message).not.toContain('sk-live');
  expect(JSON.stringify({ message: cause.message, stack: cause.stack })).not.toContain('sk-live');
}

describe('json() on a body that is not JSON', () => {
  const transports: Array<[string, () => Transport]> = [
    ['undici', () => createUndiciTransport({ undici })],
    ['fetch', () => createFetchTransport()],
    [
      'testing',
      () =>
        createTestingTransport(() => ({
          status: 200,
          headers: { 'content-type': 'application/json' },
          body: TOKEN_BODY,
        })),
    ],
  ];
  for (const [name, create] of transports) {
    test(`${name}: the ResponseParseError's cause keeps the engine's words, never the body it quoted`, async () => {
      expectCauseWithoutBody(await jsonFailure(create()));
    });
  }
});

describe('parseJsonBody / redactedJsonCause', () => {
  const context = { method: 'GET', url: 'http://metadata.test/x', statusCode: 500 };

  test('a long body: the 10-character window V8 quotes is dropped too', () => {
    const body = `{"token": ${'t'.repeat(40)}}`;
    const error = (() => {
      try {
        parseJsonBody(body, context);
      } catch (caught) {
        return caught as ResponseParseError;
      }
    })();
    const cause = error?.cause as Error;
    expect(cause).toBeInstanceOf(SyntaxError);
    expect(cause.message).not.toContain('tttt');
    expect(cause.message).toMatch(/^Unexpected token/);
  });

  test('the words kept are redacted with the request policy', () => {
    const redactor = createRedactor({ secrets: ['position'] });
    const cause = redactedJsonCause(
      new SyntaxError('Unexpected end at position 3, "abc"'),
      redactor,
    ) as Error;
    expect(cause.message).not.toContain('position');
    expect(cause.message).not.toContain('abc');
  });

  test('a value that is not an Error is kept as is; an empty prefix still says what happened', () => {
    expect(redactedJsonCause('plain')).toBe('plain');
    expect((redactedJsonCause(new Error('"only a quote"')) as Error).message).toBe('invalid JSON');
  });
});
