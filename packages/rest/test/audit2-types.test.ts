/*
 * Round-2 audit, types as a user writes them (SPEC 3, 3.1): hooks' parameters, a hand-written Standard Schema,
 * `rawData` from a `const` config, per call over config. `expectTypeOf` is checked by the compiler (the package's
 * typecheck); each call also runs against the testing transport, so the typed shape is the run-time shape.
 */
import type { TransportRequest, TransportResponse } from '@meta/transport';
import { createTestingTransport } from '@meta/transport/testing';
import { expect, expectTypeOf, test } from 'vitest';
import {
  type HookContext,
  type HookRequest,
  type Logger,
  type RawResponse,
  REST,
  type RetryContext,
  type StandardSchemaV1,
} from '../src/index.js';

interface Table {
  id: string;
  name: string;
}

const transport = createTestingTransport(() => ({ status: 200, body: { id: '1', name: 'orders' } }));
const baseUrl = 'https://metadata.test/api';

test('hooks are typed from the config: beforeRequest edits headers only, the others read', async () => {
  const seen: string[] = [];
  const rest = new REST({
    baseUrl,
    transport,
    hooks: {
      beforeRequest(request, context) {
        expectTypeOf(request).toEqualTypeOf<HookRequest>();
        expectTypeOf(context).toEqualTypeOf<HookContext>();
        request.headers['X-Request-Id'] = `attempt-${context.attempt}-of-${context.maxAttempts}`;
        // @ts-expect-error the URL is not the hook's to change (it is read back from the client, not the hook)
        request.url = 'https://elsewhere.test/';
        // @ts-expect-error nor is the method
        request.method = 'DELETE';
      },
      afterResponse(response, request, context) {
        expectTypeOf(response).toEqualTypeOf<TransportResponse>();
        expectTypeOf(request).toEqualTypeOf<TransportRequest>();
        expectTypeOf(context).toEqualTypeOf<HookContext>();
        seen.push(`${response.status} ${request.headers['X-Request-Id']}`);
      },
      beforeRetry(context) {
        expectTypeOf(context).toEqualTypeOf<RetryContext>();
        expectTypeOf(context.error).toBeUnknown();
        expectTypeOf(context.delayMs).toBeNumber();
      },
    },
  });
  await rest.get('/tables/1');
  expect(seen).toEqual(['200 attempt-1-of-4']);
});

test('a hand-written Standard Schema with declared types types the result as its output', async () => {
  const tableSchema: StandardSchemaV1<unknown, Table> = {
    '~standard': {
      version: 1,
      vendor: 'hand-written',
      validate: (value) =>
        typeof value === 'object' && value !== null && 'id' in value
          ? { value: value as Table }
          : { issues: [{ message: 'not a table' }] },
    },
  };
  const rest = new REST({ baseUrl, transport });
  const table = await rest.get('/tables/1', undefined, { schema: tableSchema });
  expectTypeOf(table).toEqualTypeOf<Table>();
  expect(table).toEqual({ id: '1', name: 'orders' });
  const raw = await rest.put('/tables/1', { name: 'orders' }, { schema: tableSchema, rawData: true });
  expectTypeOf(raw).toEqualTypeOf<RawResponse<Table>>();
  expect(raw.data.name).toBe('orders');
});

test('rawData from a const config types every call as raw; a per-call rawData: false wins', async () => {
  const config = { baseUrl, transport, rawData: true } as const;
  const rest = new REST(config);
  const raw = await rest.get<Table>('/tables/1');
  expectTypeOf(raw).toEqualTypeOf<RawResponse<Table>>();
  expect(raw.status).toBe(200);
  const plain = await rest.get('/tables/1', undefined, { rawData: false, timeoutMs: 1000 });
  expectTypeOf(plain).toEqualTypeOf<unknown>();
  expect(plain).toEqual({ id: '1', name: 'orders' });
  const signalled = await rest.delete('/tables/1', undefined, { signal: new AbortController().signal });
  expectTypeOf(signalled).toEqualTypeOf<RawResponse<unknown>>();
  expect((signalled as RawResponse).status).toBe(200);
});

test('console and a class-based logger are Loggers', async () => {
  class AppLogger {
    readonly lines: string[] = [];
    debug(message: string): void {
      this.lines.push(message);
    }
  }
  const logger = new AppLogger();
  expectTypeOf(console).toExtend<Logger>();
  expectTypeOf(logger).toExtend<Logger>();
  const rest = new REST({ baseUrl, transport, logger });
  await rest.get('/tables/1');
  // Methods on a class prototype are found (only Object.prototype is never searched).
  expect(logger.lines).toHaveLength(1);
});
