// A consumer compiled with `exactOptionalPropertyTypes` (common in strict projects) passes values that may be
// undefined, e.g. `createUndiciTransport({ ca: process.env.CA_PEM })`. The runtime treats an undefined option as
// absent; the types must say so too (`| undefined`), as ClientConfig and RequestOptions always did. The
// transport options once refused it with "Type 'undefined' is not assignable".
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { workspaceRoot } from '../lib/published-packages.mjs';
import { typecheckConsumer } from '../lib/typecheck-consumer.mjs';

const source = `
import { APIError, NetworkError, ResponseParseError, RetryException, TimeoutError } from '@meta/errors';
import { OpenMetadata } from '@meta/openmetadata';
import { REST } from '@meta/rest';
import { createFetchTransport } from '@meta/transport';
import { createTestingTransport } from '@meta/transport/testing';
import { createUndiciTransport } from '@meta/transport/undici';

declare const text: string | undefined;
declare const count: number | undefined;
declare const flag: boolean | undefined;

export const undiciTransport = createUndiciTransport({
  dispatcher: undefined,
  connections: count,
  keepAliveTimeoutMs: count,
  connectTimeoutMs: count,
  allowH2: flag,
  maxConcurrentStreams: count,
  ca: text,
  rejectUnauthorized: flag,
  minTlsVersion: undefined,
  cert: text,
  key: text,
  proxy: text,
  undici: undefined,
});
export const fetchTransport = createFetchTransport({ fetch: undefined });
export const client = new REST({ baseUrl: 'https://metadata.example/api', timeoutMs: count, authTokenMode: text });
export const catalog = new OpenMetadata({ baseUrl: 'https://metadata.example/api', validate: flag });
export const wrapped = new OpenMetadata(client, { validate: flag });
declare const signal: AbortSignal | undefined;
export const health = catalog.health({ signal });
export const version = catalog.serverVersion({ signal });
export const table = catalog.tables.getByName('a.b.c.d', { signal, fields: undefined, notFound: undefined });
// What a hook or a test builds by hand, e.g. throw new RetryException({ retryAfterMs: parsed }) with parsed unset.
export const retryException = new RetryException({ retryAfterMs: count, attempt: count, message: text });
export const networkError = new NetworkError({ code: text, method: text, url: text, beforeResponse: flag });
export const timeoutError = new TimeoutError({ method: text, url: text, timeoutMs: count, phase: 'headers' });
export const parseError = new ResponseParseError({ statusCode: count, snippet: text, message: text });
export const apiError = new APIError(
  { message: 'x' },
  { request: { method: 'GET', url: 'http://h/', headers: undefined }, response: { status: 500, statusText: text } },
);
export const testing = createTestingTransport({
  handler: undefined,
  script: [{ fail: 'network', code: text, delayMs: count, proxyStatus: count }, { status: count, body: undefined }],
});
`;

test('every transport, REST, OpenMetadata, error and testing option accepts an explicit undefined under exactOptionalPropertyTypes', () => {
  const undiciTypes = join(workspaceRoot, 'packages/transport/node_modules/undici/types/index.d.ts');
  const outcome = typecheckConsumer(
    source,
    {
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(workspaceRoot, 'node_modules/@types')],
    },
    { undici: [undiciTypes] },
  );
  expect(outcome.output).toBe('');
  expect(outcome.status).toBe(0);
});
