import { inspect } from 'node:util';
import { isAPIError, isConfigError } from '@meta/errors';
import { createTestingTransport } from '@meta/transport/testing';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';

const API_KEY = 'key-7c1e5b9a44';
const TENANT_SECRET = 'tenant-credential-93ab';

function failingClient(config: Record<string, unknown> = {}) {
  const transport = createTestingTransport(() => ({ status: 500, body: { message: 'boom' } }));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, retry: 0, ...config });
  return { rest, transport };
}

async function apiErrorOf(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isAPIError(error)) throw new Error(`expected an APIError, got ${String(error)}`);
  return error;
}

function everywhere(error: Error, transport: { requests: readonly unknown[] }): string {
  return [
    error.message,
    JSON.stringify(error),
    inspect(error, { depth: 10 }),
    JSON.stringify((error as { request?: unknown }).request),
    JSON.stringify(transport.requests),
  ].join('\n');
}

test('an X-Api-Key per-call header is masked in the APIError, toJSON, inspect and the testing recordings', async () => {
  const { rest, transport } = failingClient();
  const error = await apiErrorOf(rest.get('/tables', undefined, { headers: { 'X-Api-Key': API_KEY } }));
  expect(error.request?.headers['X-Api-Key']).toBe('****');
  expect(transport.requests[0]!.headers['X-Api-Key']).toBe('****');
  expect(everywhere(error, transport)).not.toContain(API_KEY);
});

test('X-Auth-Token and X-Session-Id in extraHeaders are masked by their names alone', async () => {
  const { rest, transport } = failingClient({
    extraHeaders: { 'X-Auth-Token': API_KEY, 'X-Session-Id': TENANT_SECRET, 'X-Team': 'data' },
  });
  const error = await apiErrorOf(rest.get('/tables'));
  expect(error.request?.headers).toMatchObject({
    'X-Auth-Token': '****',
    'X-Session-Id': '****',
    'X-Team': 'data',
  });
  const text = everywhere(error, transport);
  expect(text).not.toContain(API_KEY);
  expect(text).not.toContain(TENANT_SECRET);
});

test('sensitiveHeaders names more headers to mask everywhere, case-insensitively', async () => {
  const plain = failingClient({ extraHeaders: { 'X-Tenant-Ref': TENANT_SECRET } });
  const plainError = await apiErrorOf(plain.rest.get('/tables'));
  // Without the option the name matches no pattern: this proves the option is what masks it below.
  expect(plainError.request?.headers['X-Tenant-Ref']).toBe(TENANT_SECRET);

  const { rest, transport } = failingClient({
    sensitiveHeaders: ['x-tenant-ref'],
    extraHeaders: { 'X-Tenant-Ref': TENANT_SECRET },
  });
  const error = await apiErrorOf(rest.get('/tables'));
  expect(error.request?.headers['X-Tenant-Ref']).toBe('****');
  expect(everywhere(error, transport)).not.toContain(TENANT_SECRET);
});

test('a header templated from a sensitiveHeaders header is masked too', async () => {
  const { rest, transport } = failingClient({
    sensitiveHeaders: ['X-Tenant-Credential'],
    extraHeaders: { 'X-Copy': 'copy=%(X-Tenant-Credential)s' },
  });
  const error = await apiErrorOf(
    rest.get('/tables', undefined, { headers: { 'X-Tenant-Credential': TENANT_SECRET } }),
  );
  expect(error.request?.headers['X-Copy']).toBe('****');
  expect(everywhere(error, transport)).not.toContain(TENANT_SECRET);
});

test('the headers still go on the wire unmasked: redaction is for what is shown, not what is sent', async () => {
  const seen: Record<string, string>[] = [];
  const transport = createTestingTransport((request) => {
    seen.push({ ...request.headers });
    return { status: 200, body: {} };
  });
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, sensitiveHeaders: ['X-Tenant'] });
  await rest.get('/x', undefined, { headers: { 'X-Api-Key': API_KEY, 'X-Tenant': TENANT_SECRET } });
  expect(seen[0]).toMatchObject({ 'X-Api-Key': API_KEY, 'X-Tenant': TENANT_SECRET });
});

test.each([
  [['bad header'], 'sensitiveHeaders'],
  ['X-Api-Key', 'sensitiveHeaders'],
  [[1], 'sensitiveHeaders'],
])('sensitiveHeaders %o is a ConfigError naming %s', (sensitiveHeaders, field) => {
  let error: unknown;
  try {
    new REST({ baseUrl: 'https://metadata.test/api', sensitiveHeaders: sensitiveHeaders as never });
  } catch (caught) {
    error = caught;
  }
  expect(isConfigError(error) && error.field).toBe(field);
});

test('a provider token ending in a tab is sent trimmed, and a server echoing it cannot leak it into the error', async () => {
  const sent: string[] = [];
  const transport = createTestingTransport((request) => {
    const authorization = request.headers.Authorization ?? '';
    sent.push(authorization);
    return { status: 403, body: { message: `token ${authorization.slice(7)} has no access` } };
  });
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    retry: 0,
    authToken: () => ['provider-token-42\t', 3600],
  });
  const error = await apiErrorOf(rest.get('/tables'));
  expect(sent[0]).toBe('Bearer provider-token-42');
  expect(everywhere(error, transport)).not.toContain('provider-token-42');
});
