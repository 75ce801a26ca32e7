import { inspect } from 'node:util';
import { isResponseParseError, type ResponseParseError } from '@meta/errors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { type LoopbackServer, type Route, startLoopbackServer } from './helpers/loopback-server.js';

// Session 6 audit (SPEC 5): V8's JSON SyntaxError quotes the body it could not parse (a short body whole, a long
// one as a 10-character window that can hold part of a token), and a body may echo the token. The parse error's
// cause must not carry it, nor any part of it (message, stack), whoever parses the body.

const TOKEN = 'tok-3b8e61f0a2';

const echoToken: Route = (_request, response) => {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(`echo ${TOKEN} here`);
};

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
  server.route = echoToken;
});
afterAll(() => server.close());

function everyTextOf(error: ResponseParseError): string {
  const cause = error.cause as Error | undefined;
  return [
    error.message,
    error.stack,
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    cause?.message,
    cause?.stack,
    String(cause),
  ].join('\n');
}

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('invalid JSON that echoes the token: the parse error and its SyntaxError cause never hold it', async () => {
    const rest = createClient(kind, { baseUrl: `${server.origin}/api`, accessToken: TOKEN, retry: 0 });
    const error = await rejectionOf(rest.get('/tables'));
    if (!isResponseParseError(error)) throw new Error(`expected a ResponseParseError, got ${String(error)}`);
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect((error.cause as SyntaxError).message).toBe("Unexpected token 'e'");
    expect(everyTextOf(error)).not.toContain(TOKEN.slice(0, 5));
    await rest.close();
  });

  test('a short invalid JSON body that is only the token leaves no trace of it in the cause', async () => {
    server.route = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(TOKEN);
    };
    const rest = createClient(kind, { baseUrl: `${server.origin}/api`, accessToken: TOKEN, retry: 0 });
    const error = await rejectionOf(rest.get('/tables'));
    if (!isResponseParseError(error)) throw new Error(`expected a ResponseParseError, got ${String(error)}`);
    expect(everyTextOf(error)).not.toContain(TOKEN.slice(0, 5));
    await rest.close();
    server.route = echoToken;
  });

  test('an afterResponse hook reading the same body with json() gets a parse error without the token', async () => {
    let seen: unknown;
    const rest = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      accessToken: TOKEN,
      retry: 0,
      hooks: {
        afterResponse: async (response) => {
          seen = await response.json().catch((error: unknown) => error);
        },
      },
    });
    await rejectionOf(rest.get('/tables'));
    if (!isResponseParseError(seen)) throw new Error(`expected a ResponseParseError, got ${String(seen)}`);
    expect(seen.cause).toBeInstanceOf(SyntaxError);
    expect(everyTextOf(seen)).not.toContain(TOKEN.slice(0, 5));
    await rest.close();
  });
});
