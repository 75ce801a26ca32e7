/*
 * Round-2 audit, secrets by value (SPEC 5): a header that is secret by name (`X-Api-Key`, a `sensitiveHeaders`
 * name, `Cookie`) is masked under its name, and its configured value is masked wherever a server echoes it in
 * free text ("invalid key ak-..."), like the token. Real loopback server, both transports.
 */
import { inspect } from 'node:util';
import { isAPIError } from '@meta/errors';
import { expect, test } from 'vitest';
import { createCapturingLogger, createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { sendJson, useLoopbackServer } from './helpers/loopback-server.js';

const API_KEY = 'ak-9f2c41d7e0b3';
const SIGNATURE = 'sig-77aa01cc93';
const BASIC = 'YXVkaXQ6c2VjcmV0LXBhc3M=';
// A server that quotes what it was sent in prose, where no header-name rule can find it.
const server = useLoopbackServer((request, response) =>
  sendJson(response, 401, {
    message: `invalid key ${request.headers['x-api-key']}, signature ${request.headers['x-tenant-signature']}, credentials ${request.headers['proxy-authorization']}`,
    code: 'AUTH',
  }),
);

/**
 * A 401 from the echoing server through a client built with `config` (secret header names, a capturing logger,
 * one retry), and everything a caller can see of it, log lines included.
 */
async function echoedSecrets(
  kind: (typeof TRANSPORT_KINDS)[number],
  config: Record<string, unknown>,
  call: (client: ReturnType<typeof createClient>) => Promise<unknown> = (client) => client.get('/tables'),
): Promise<string> {
  const { lines, logger } = createCapturingLogger();
  const client = createClient(kind, {
    baseUrl: `${server.origin}/api`,
    logger,
    retry: 1,
    retryCodes: [401],
    retryWait: 0,
    sensitiveHeaders: ['X-Tenant-Signature'],
    ...config,
  });
  const error = await rejectionOf(call(client));
  await client.close();
  expect(isAPIError(error) && error.statusCode).toBe(401);
  const shown = [
    (error as Error).message,
    String((error as Error).stack),
    JSON.stringify(error),
    inspect(error, { depth: 9 }),
    ...lines,
  ].join('\n');
  expect(shown).toContain('invalid key ****');
  return shown;
}

test.each(TRANSPORT_KINDS)(
  'values of secret extra headers echoed in an error body are masked in the APIError, toJSON, inspect and logs (%s)',
  async (kind) => {
    const shown = await echoedSecrets(kind, {
      extraHeaders: {
        'X-Api-Key': API_KEY,
        'X-Tenant-Signature': SIGNATURE,
        'Proxy-Authorization': `Basic ${BASIC}`,
      },
    });
    for (const secret of [API_KEY, SIGNATURE, BASIC]) expect(shown).not.toContain(secret);
    // Masking is for what the client shows: the values went out as configured.
    expect(server.requests.at(-1)!.headers['x-api-key']).toBe(API_KEY);
  },
);

test.each(TRANSPORT_KINDS)(
  'a short flag in a secret-named header (X-Auth-Mode: true) is not a secret: messages keep the word (%s)',
  async (kind) => {
    const client = createClient(kind, {
      baseUrl: `${server.origin}/api`,
      retry: 0,
      extraHeaders: { 'X-Auth-Mode': 'true', 'X-Api-Key': API_KEY },
    });
    server.route = (request, response) =>
      sendJson(response, 403, {
        message: `mode ${request.headers['x-auth-mode']}, key ${request.headers['x-api-key']}`,
      });
    const error = await rejectionOf(client.get('/tables'));
    expect((error as Error).message).toBe('mode true, key ****');
    // Under its own name it is still masked, like any header named like a credential.
    expect(JSON.stringify(error)).toContain('"X-Auth-Mode":"****"');
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'values of secret headers given to one call are masked when the server echoes them, and only for that call (%s)',
  async (kind) => {
    const perCall = new Map([
      ['X-Api-Key', API_KEY],
      ['x-tenant-signature', SIGNATURE],
      ['Proxy-Authorization', `Basic ${BASIC}`],
    ]);
    const shown = await echoedSecrets(kind, {}, (client) =>
      client.get('/tables', undefined, { headers: perCall }),
    );
    for (const secret of [API_KEY, SIGNATURE, BASIC]) expect(shown).not.toContain(secret);
    expect(server.requests.at(-1)!.headers['x-api-key']).toBe(API_KEY);
    // A call without the header is not masked by another call's values: `ak-...` here is nobody's secret.
    const client = createClient(kind, { baseUrl: `${server.origin}/api`, retry: 0 });
    server.route = (_request, response) => sendJson(response, 404, { message: `no table ${API_KEY}` });
    const other = await rejectionOf(client.get('/tables/x'));
    expect((other as Error).message).toBe(`no table ${API_KEY}`);
    await client.close();
  },
);

test.each(TRANSPORT_KINDS)(
  'a secret header a beforeRequest hook sets is masked when the server echoes it (%s)',
  async (kind) => {
    const beforeRequest = (request: { headers: Record<string, string> }) => {
      request.headers['X-Api-Key'] = API_KEY;
      request.headers['X-Tenant-Signature'] = SIGNATURE;
    };
    const shown = await echoedSecrets(kind, { hooks: { beforeRequest } });
    for (const secret of [API_KEY, SIGNATURE]) expect(shown).not.toContain(secret);
  },
);
