/*
 * Type tests: `expectTypeOf` is checked by the TypeScript compiler (`tsc -p tsconfig.json`, the package's
 * typecheck) and runs as a no-op under vitest, so a wrong result type fails the build. The calls themselves run
 * against the testing transport, so each typed shape is also the shape returned at run time.
 */
import { createTestingTransport } from '@meta/transport/testing';
import { type } from 'arktype';
import * as v from 'valibot';
import { expect, expectTypeOf, test } from 'vitest';
import { z } from 'zod';
import {
  type ClientConfig,
  type RawResponse,
  REST,
  type RequestOptions,
  type StandardSchemaV1,
} from '../src/index.js';

interface Table {
  id: string;
  name: string;
}

const transport = createTestingTransport(() => ({ status: 200, body: { id: '1', name: 'orders' } }));
const baseUrl = 'https://metadata.test/api';

test('get<T>() resolves to T by default and to RawResponse<T> with a per-call rawData: true', async () => {
  const rest = new REST({ baseUrl, transport });
  expectTypeOf(await rest.get<Table>('/tables/1')).toEqualTypeOf<Table>();
  expectTypeOf(await rest.get('/tables/1')).toEqualTypeOf<unknown>();
  expectTypeOf(await rest.get('/tables/1', undefined, { rawData: true })).toEqualTypeOf<
    RawResponse<unknown>
  >();
  expectTypeOf(
    await rest.get<Table, { rawData: true }>('/tables/1', undefined, { rawData: true }),
  ).toEqualTypeOf<RawResponse<Table>>();
  expectTypeOf(await rest.post<Table>('/tables', { name: 'orders' })).toEqualTypeOf<Table>();
  expectTypeOf(await rest.delete('/tables/1', undefined, { rawData: true })).toEqualTypeOf<
    RawResponse<unknown>
  >();
});

test('a client-level rawData: true types every call as RawResponse unless the call says rawData: false', async () => {
  const rest = new REST({ baseUrl, transport, rawData: true });
  expectTypeOf(await rest.get<Table>('/tables/1')).toEqualTypeOf<RawResponse<Table>>();
  expectTypeOf(await rest.put<Table>('/tables', {})).toEqualTypeOf<RawResponse<Table>>();
  expectTypeOf(await rest.get('/tables/1', undefined, { rawData: false })).toEqualTypeOf<unknown>();
  const plain = new REST({ baseUrl, transport, rawData: false });
  expectTypeOf(await plain.get<Table>('/tables/1')).toEqualTypeOf<Table>();
});

test('a rawData only known at run time types the result as either shape', async () => {
  const config: ClientConfig = { baseUrl, transport };
  const rest = new REST(config);
  expectTypeOf(await rest.get<Table>('/tables/1')).toEqualTypeOf<Table | RawResponse<Table>>();
});

test('a zod 4 schema types the result as its output (and wrapped when rawData)', async () => {
  const rest = new REST({ baseUrl, transport });
  const schema = z.object({ id: z.string(), name: z.string().transform((name) => name.length) });
  expectTypeOf(await rest.get('/tables/1', undefined, { schema })).toEqualTypeOf<{
    id: string;
    name: number;
  }>();
  expectTypeOf(await rest.get('/tables/1', undefined, { schema, rawData: true })).toEqualTypeOf<
    RawResponse<{ id: string; name: number }>
  >();
});

test('a valibot schema types the result as its output', async () => {
  const rest = new REST({ baseUrl, transport, rawData: true });
  const schema = v.object({ id: v.string(), name: v.string() });
  expectTypeOf(await rest.get('/tables/1', undefined, { schema })).toEqualTypeOf<
    RawResponse<{ id: string; name: string }>
  >();
  expectTypeOf(await rest.get('/tables/1', undefined, { schema, rawData: false })).toEqualTypeOf<{
    id: string;
    name: string;
  }>();
});

test('an arktype type (a callable, not an object) types the result as its output', async () => {
  const rest = new REST({ baseUrl, transport });
  const schema = type({ id: 'string', name: 'string' });
  const table = await rest.get('/tables/1', undefined, { schema });
  expectTypeOf(table).toEqualTypeOf<{ id: string; name: string }>();
  expect(table).toEqual({ id: '1', name: 'orders' });
});

test('zod, valibot and arktype schemas are Standard Schema v1 validators for the types', () => {
  expectTypeOf(z.string()).toExtend<StandardSchemaV1>();
  expectTypeOf(v.string()).toExtend<StandardSchemaV1>();
  expectTypeOf(type('string')).toExtend<StandardSchemaV1>();
  expectTypeOf<{ schema: ReturnType<typeof v.string> }>().toExtend<RequestOptions>();
});

test('an interface-typed object is accepted as GET data and as query by the types', async () => {
  interface ListParameters {
    fields: string;
    limit: number;
    include?: 'all' | 'deleted';
  }
  const parameters: ListParameters = { fields: 'owners,tags', limit: 10 };
  const rest = new REST({ baseUrl, transport });
  await rest.get('/tables', parameters);
  await rest.delete('/tables/1', undefined, { query: parameters });
  expectTypeOf<ListParameters>().toExtend<NonNullable<RequestOptions['query']>>();
});

test('unknown options and option typos are compile errors (and ConfigErrors at run time)', async () => {
  // @ts-expect-error `timeout` is not an option (it is `timeoutMs`)
  expect(() => new REST({ baseUrl, transport, timeout: 5 })).toThrow('unknown option "timeout"');
  const rest = new REST({ baseUrl, transport });
  // @ts-expect-error `hardDelete` is a query flag: it goes in `query`
  await expect(rest.delete('/tables/1', undefined, { hardDelete: true })).rejects.toThrow('hardDelete');
});
