import { isConfigError, isResponseParseError, type ResponseParseError } from '@meta/errors';
import { createTestingTransport } from '@meta/transport/testing';
import { type } from 'arktype';
import * as v from 'valibot';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { REST, type StandardSchemaV1 } from '../src/index.js';
import { validateWithSchema } from '../src/standard-schema.js';

const TOKEN = 'token-5d1c9e0f';

function client(body: unknown) {
  const transport = createTestingTransport(() => ({ status: 200, body }));
  return new REST({ baseUrl: 'https://metadata.test/api', transport, accessToken: TOKEN });
}

async function parseErrorOf(call: Promise<unknown>): Promise<ResponseParseError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isResponseParseError(error)) throw new Error(`expected a ResponseParseError, got ${String(error)}`);
  return error;
}

const validators = {
  'zod 4': z.object({ id: z.string(), size: z.number().transform((size) => size * 2) }),
  valibot: v.object({
    id: v.string(),
    size: v.pipe(
      v.number(),
      v.transform((size) => size * 2),
    ),
  }),
  // An ArkType type is a function with a `~standard` property, not an object: REST must accept it as one.
  arktype: type({ id: 'string', size: type('number').pipe((size) => size * 2) }),
};

test.each(Object.entries(validators))(
  'a %s schema validates the body and returns its output',
  async (_name, schema) => {
    expect(await client({ id: 't1', size: 21 }).get('/tables/t1', undefined, { schema })).toEqual({
      id: 't1',
      size: 42,
    });
  },
);

test.each(Object.entries(validators))(
  'a %s mismatch is a ResponseParseError with the status, the URL and issues (path and message)',
  async (_name, schema) => {
    const error = await parseErrorOf(client({ id: 7, size: 1 }).get('/tables/t1', undefined, { schema }));
    expect(error.statusCode).toBe(200);
    expect(error.url).toBe('https://metadata.test/api/v1/tables/t1');
    expect(error.issues?.[0]?.path).toEqual(['id']);
    expect(error.issues?.[0]?.message.length).toBeGreaterThan(0);
    expect(error.message).toContain('schema');
  },
);

test('with rawData, the validated output is the data of the raw response', async () => {
  const raw = await client({ id: 't1', size: 1 }).get('/tables/t1', undefined, {
    schema: validators.valibot,
    rawData: true,
  });
  expect(raw).toMatchObject({ status: 200, data: { id: 't1', size: 2 } });
});

test('an async Standard Schema validator is awaited', async () => {
  const asyncSchema: StandardSchemaV1<unknown, string> = {
    '~standard': {
      version: 1,
      vendor: 'hand-made',
      validate: async (value) =>
        typeof value === 'string'
          ? { value: value.toUpperCase() }
          : { issues: [{ message: 'not a string' }] },
    },
  };
  expect(await client('abc').get('/x', undefined, { schema: asyncSchema })).toBe('ABC');
  const error = await parseErrorOf(client(1).get('/x', undefined, { schema: asyncSchema }));
  expect(error.message).toContain('hand-made');
  expect(error.issues?.[0]).toMatchObject({ path: [], message: 'not a string' });
});

test("an issue keeps the validator's string code; a missing or non-string code reads 'schema'", async () => {
  const coded: StandardSchemaV1 = {
    '~standard': {
      version: 1,
      vendor: 'coded',
      validate: () => ({
        issues: [
          { message: 'a', code: 'too_small' },
          { message: 'b', code: 42 },
          { message: 'c' },
        ] as StandardSchemaV1.Issue[],
      }),
    },
  };
  const error = await parseErrorOf(client({}).get('/x', undefined, { schema: coded }));
  expect(error.issues?.map((issue) => issue.code)).toEqual(['too_small', 'schema', 'schema']);
});

test('issues never carry the rejected value, and a token echoed in an issue message is masked', async () => {
  const echoing: StandardSchemaV1 = {
    '~standard': {
      version: 1,
      vendor: 'echo',
      validate: (value) => ({
        issues: [{ message: `bad value ${JSON.stringify(value)}`, path: [{ key: 'a' }] }],
      }),
    },
  };
  const error = await parseErrorOf(client({ leaked: TOKEN }).get('/x', undefined, { schema: echoing }));
  expect(error.issues?.[0]?.path).toEqual(['a']);
  expect(JSON.stringify(error)).not.toContain(TOKEN);
  expect(error.message).not.toContain(TOKEN);
});

test('a schema that is not a Standard Schema validator is a ConfigError naming options.schema', async () => {
  const error = await client({})
    .get('/x', undefined, { schema: { safeParse: () => ({ success: true }) } as never })
    .catch((caught: unknown) => caught);
  expect(isConfigError(error) && error.field).toBe('options.schema');
});

test('validateWithSchema resolves with the output on success', async () => {
  const target = { method: 'GET', url: 'https://h/x', statusCode: 200, redactor: undefined as never };
  expect(
    await validateWithSchema(
      z.string().transform((text) => text.length),
      'abcd',
      target,
    ),
  ).toBe(4);
});
