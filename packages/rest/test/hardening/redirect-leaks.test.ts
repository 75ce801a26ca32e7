import { type APIError, isAPIError } from '@meta/errors';
import { createFetchTransport } from '@meta/transport';
import { createTestCertificates } from '@meta/transport-conformance';
import { Agent, fetch as undiciFetch } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type ClientConfig, REST } from '../../src/index.js';
import { type LoopbackServer, startLoopbackServer } from '../helpers/loopback-server.js';
import { createClient, rejectionOf, TRANSPORT_KINDS, type TransportKind } from './clients.js';
import { type FaultServer, type RawRequest, respondJson, startFaultServer } from './fault-server.js';

const TOKEN = 'redirect-secret-token-7f3a9c';
const BASIC = 'Basic cmVkaXJlY3QtYmFzaWMtc2VjcmV0';
const COOKIE = 'session=redirect-cookie-secret';
const PROXY = 'Basic cmVkaXJlY3QtcHJveHktc2VjcmV0';
const SECRET_PARTS = [
  TOKEN,
  'cmVkaXJlY3QtYmFzaWMtc2VjcmV0',
  'redirect-cookie-secret',
  'cmVkaXJlY3QtcHJveHktc2VjcmV0',
];
const SENSITIVE_NAMES = [
  'x-api-key',
  'x-copy',
  'x-cookie-copy',
  'authorization',
  'cookie',
  'proxy-authorization',
];

let home: FaultServer;
let evil: FaultServer;
let secureHome: LoopbackServer;
let ca: string;

beforeAll(async () => {
  const certificates = createTestCertificates();
  ca = certificates.ca;
  [home, evil, secureHome] = await Promise.all([
    startFaultServer(),
    startFaultServer(),
    startLoopbackServer(certificates.valid),
  ]);
}, 60_000);

afterEach(() => {
  home.reset();
  evil.reset();
});

afterAll(async () => {
  await Promise.all([home.close(), evil.close(), secureHome.close()]);
});

const SECRET_CONFIG: Partial<ClientConfig> = {
  allowRedirects: true,
  authHeader: 'X-Api-Key',
  authTokenMode: 'Token',
  authToken: () => [TOKEN, 3600],
  extraHeaders: { 'X-Copy': 'copy %(X-Api-Key)s', 'X-Cookie-Copy': '%(Cookie)s', 'X-Plain': 'kept' },
  retry: 0,
  logger: {},
};

const CALL_HEADERS = { Authorization: BASIC, Cookie: COOKIE, 'Proxy-Authorization': PROXY };

function expectNoSecrets(request: RawRequest): void {
  for (const name of SENSITIVE_NAMES) expect(request.headers[name]).toBeUndefined();
  const everything = JSON.stringify(request);
  for (const secret of SECRET_PARTS) expect(everything).not.toContain(secret);
}

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  for (const status of [301, 302, 303, 307, 308]) {
    for (const method of ['GET', 'POST'] as const) {
      test(`a ${status} to another port carries no credential of ${method} to the evil listener`, async () => {
        home.fault = (_request, socket) =>
          respondJson(socket, status, {}, { location: `${evil.origin}/collect` });
        evil.fault = (_request, socket) => respondJson(socket, 200, { stolen: false });
        const rest = createClient(kind, { baseUrl: `${home.origin}/api`, ...SECRET_CONFIG });
        try {
          const call =
            method === 'GET'
              ? rest.get('/tables', null, { headers: CALL_HEADERS })
              : rest.post('/tables', { a: 1 }, { headers: CALL_HEADERS });
          await expect(call).resolves.toEqual({ stolen: false });
        } finally {
          await rest.close();
        }
        expect(home.requests[0]!.headers['x-api-key']).toBe(`Token ${TOKEN}`);
        expect(home.requests[0]!.headers['x-copy']).toBe(`copy Token ${TOKEN}`);
        expect(evil.requests).toHaveLength(1);
        expectNoSecrets(evil.requests[0]!);
        expect(evil.requests[0]!.headers['x-plain']).toBe('kept');
      });
    }
  }

  test('once stripped, credentials stay stripped when the chain comes back to the first origin', async () => {
    home.fault = (request, socket) => {
      if (request.path.endsWith('/tables'))
        respondJson(socket, 307, {}, { location: `${evil.origin}/bounce` });
      else respondJson(socket, 200, { back: true });
    };
    evil.fault = (_request, socket) =>
      respondJson(socket, 308, {}, { location: `${home.origin}/api/v1/back` });
    const rest = createClient(kind, { baseUrl: `${home.origin}/api`, ...SECRET_CONFIG });
    try {
      await expect(rest.get('/tables', null, { headers: CALL_HEADERS })).resolves.toEqual({ back: true });
    } finally {
      await rest.close();
    }
    expect(home.requests.map((request) => request.path)).toEqual(['/api/v1/tables', '/api/v1/back']);
    expectNoSecrets(evil.requests[0]!);
    expectNoSecrets(home.requests[1]!);
  });
});

function secureClient(kind: TransportKind, config: Partial<ClientConfig>): REST {
  const base = { baseUrl: `${secureHome.origin}/api`, ...SECRET_CONFIG, ...config };
  if (kind === 'undici') return new REST({ ...base, verify: ca });
  // Global fetch cannot trust a test CA, so the fetch transport gets undici's fetch with one.
  const dispatcher = new Agent({ connect: { ca } });
  const transport = createFetchTransport({
    fetch: (input, init) =>
      undiciFetch(input, { ...init, dispatcher } as never) as unknown as Promise<Response>,
  });
  const rest = new REST({ ...base, transport });
  const close = rest.close.bind(rest);
  rest.close = async () => {
    await close();
    await dispatcher.close();
  };
  return rest;
}

describe.each(TRANSPORT_KINDS)('%s transport, https -> http', (kind) => {
  for (const status of [301, 302, 303, 307, 308]) {
    test(`a ${status} from https to http is refused with the APIError for the ${status}; the http listener sees nothing`, async () => {
      secureHome.route = (_request, response) => {
        response.writeHead(status, { location: `${evil.origin}/downgrade?x=1` });
        response.end();
      };
      const rest = secureClient(kind, {});
      try {
        const error = (await rejectionOf(rest.get('/tables', null, { headers: CALL_HEADERS }))) as APIError;
        expect(isAPIError(error)).toBe(true);
        expect(error.statusCode).toBe(status);
        expect(error.location).toBe(`${evil.origin}/downgrade?x=1`);
      } finally {
        await rest.close();
      }
      expect(evil.connections).toBe(0);
    });
  }
});
