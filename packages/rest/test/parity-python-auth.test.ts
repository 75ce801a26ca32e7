/*
 * Round-3 parity of token handling with the Python original's `_request`: which cases keep its semantics
 * (a preset `access_token` without `expires_in` is used for good) and which differ on purpose (a `"no_token"`
 * answer with an expiry is asked for again once it lapses; Python never asked again). The rest README states both.
 */
import { expect, test } from 'vitest';
import { type AuthTokenResult, REST } from '../src/index.js';
import { createFakeTime } from './helpers/fake-time.js';
import { headerOf, jsonStep, routedTransport } from './helpers/testing-steps.js';

const DAY_MS = 86_400_000;

function clientWith(config: { accessToken?: string; authToken?: () => AuthTokenResult }) {
  const time = createFakeTime();
  const transport = routedTransport(() => jsonStep(200, {}));
  const client = new REST({ baseUrl: 'https://om.test/api', transport, clock: time.clock, ...config });
  const authorizations = () => transport.sent.map((request) => headerOf(request, 'authorization'));
  return { time, client, authorizations };
}

test('a preset accessToken without expiresIn is used for good, the provider never asked (as in Python)', async () => {
  let calls = 0;
  const { time, client, authorizations } = clientWith({
    accessToken: 'preset-token-1',
    authToken: () => [`fresh-token-${++calls}`, 3600],
  });
  await client.get('/tables');
  time.now += 30 * DAY_MS;
  await client.get('/tables');
  expect(authorizations()).toEqual(['Bearer preset-token-1', 'Bearer preset-token-1']);
  expect(calls).toBe(0);
  await client.close();
});

test('"no_token" with an expiry sends no header and is asked for again once it lapses (Python never asked)', async () => {
  let calls = 0;
  const { time, client, authorizations } = clientWith({
    authToken: () => {
      calls++;
      return ['no_token', 60];
    },
  });
  await client.get('/a');
  await client.get('/b');
  expect(calls).toBe(1);
  time.now += 200_000;
  await client.get('/c');
  expect(calls).toBe(2);
  expect(authorizations()).toEqual([undefined, undefined, undefined]);
  await client.close();
});

test('"no_token" without an expiry is asked for once, like Python', async () => {
  let calls = 0;
  const { time, client } = clientWith({
    authToken: () => {
      calls++;
      return ['no_token', null];
    },
  });
  await client.get('/a');
  time.now += 30 * DAY_MS;
  await client.get('/b');
  expect(calls).toBe(1);
  await client.close();
});

test('a preset accessToken rejected with 401 is replaced once through the provider', async () => {
  let calls = 0;
  const time = createFakeTime();
  const transport = routedTransport((request) =>
    headerOf(request, 'authorization') === 'Bearer preset-token-1'
      ? jsonStep(401, { code: 401, message: 'Token expired' })
      : jsonStep(200, { ok: true }),
  );
  const client = new REST({
    baseUrl: 'https://om.test/api',
    transport,
    clock: time.clock,
    accessToken: 'preset-token-1',
    authToken: () => [`fresh-token-${++calls}`, 3600],
  });
  await expect(client.get('/tables')).resolves.toEqual({ ok: true });
  expect(transport.sent.map((request) => headerOf(request, 'authorization'))).toEqual([
    'Bearer preset-token-1',
    'Bearer fresh-token-1',
  ]);
  expect(calls).toBe(1);
  await client.close();
});

test("upstream's JWT provider shape (expiry: a Date a year ago) sends the token and asks again per call", async () => {
  // OpenMetadataAuthenticationProvider.get_access_token() returns (jwt, datetime.now() - 1 year): Python then
  // calls it before every request. Concurrent calls still share one provider call.
  let calls = 0;
  const { time, client, authorizations } = clientWith({
    authToken: () => {
      calls++;
      return ['jwt-static-token', new Date(time.now - 365 * DAY_MS)];
    },
  });
  await Promise.all([client.get('/a'), client.get('/b'), client.get('/c')]);
  expect(calls).toBe(1);
  await client.get('/d');
  expect(calls).toBe(2);
  expect(authorizations()).toEqual(Array(4).fill('Bearer jwt-static-token'));
  await client.close();
});
