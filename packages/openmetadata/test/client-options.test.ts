import { isClientClosedError } from '@meta/errors';
import { REST } from '@meta/rest';
import { createTestingTransport } from '@meta/transport/testing';
import { afterEach, expect, test, vi } from 'vitest';
import { OpenMetadata, type Table } from '../src/index.js';
import { configErrorOf } from './config-error.js';
import { example } from './fixtures.js';

const BASE_URL = 'http://127.0.0.1:8585/api';

function client(options: { validate?: boolean } = {}) {
  const transport = createTestingTransport(() => ({ body: { data: [], paging: { total: 0 } } }));
  return { transport, client: new OpenMetadata({ baseUrl: BASE_URL, transport, retry: 0, ...options }) };
}

afterEach(() => {
  vi.doUnmock('ajv');
  vi.resetModules();
});

test('listAll refuses a page size outside 1..1000 before sending anything', async () => {
  const { client: openMetadata, transport } = client();
  for (const pageSize of [0, 1001, 2.5, Number.NaN]) {
    const error = await configErrorOf(() => openMetadata.tables.listAll({ pageSize }));
    expect(error.field).toBe('pageSize');
  }
  expect(transport.requests).toHaveLength(0);
});

test('a filter that is not a string, number or boolean is a ConfigError naming it', async () => {
  const { client: openMetadata, transport } = client();
  const error = await configErrorOf(() => openMetadata.tables.list({ database: { name: 'x' } }));
  expect(error.field).toBe('database');
  await configErrorOf(() => openMetadata.tables.listAll({ service: ['a'] }));
  expect(transport.requests).toHaveLength(0);
});

test('fields are sent comma-joined; a field name with a comma is refused', async () => {
  const { client: openMetadata, transport } = client();
  await openMetadata.tables.list({ fields: ['owners', 'tags'], limit: 5 });
  expect(transport.lastRequest?.url).toBe(`${BASE_URL}/v1/tables?fields=owners%2Ctags&limit=5`);
  const error = await configErrorOf(() => openMetadata.tables.list({ fields: ['owners,tags'] as never }));
  expect(error.field).toBe('fields');
});

test('empty ids and names, a non-object request and bad delete flags are ConfigErrors', async () => {
  const { client: openMetadata, transport } = client();
  expect((await configErrorOf(() => openMetadata.tables.getById(''))).field).toBe('id');
  expect((await configErrorOf(() => openMetadata.tables.getByName(''))).field).toBe('fqn');
  expect((await configErrorOf(() => openMetadata.tables.create(null as never))).field).toBe('request');
  const flags = { hardDelete: 'yes' } as never;
  expect((await configErrorOf(() => openMetadata.tables.delete('id', flags))).field).toBe('hardDelete');
  expect((await configErrorOf(() => openMetadata.tables.patchFrom({} as Table, {} as Table))).field).toBe(
    'before.id',
  );
  expect(transport.requests).toHaveLength(0);
});

test('a REST passed in is used as it is and left open by close()', async () => {
  const transport = createTestingTransport(() => ({ body: { version: '1.6.2' } }));
  const rest = new REST({ baseUrl: BASE_URL, transport, retry: 0 });
  const openMetadata = new OpenMetadata(rest);
  expect(openMetadata.rest).toBe(rest);
  await openMetadata.close();
  await expect(rest.get('/system/version')).resolves.toEqual({ version: '1.6.2' });
  await rest.close();
});

test('a client made from a config owns its REST and closes it', async () => {
  const { client: openMetadata } = client();
  await openMetadata.close();
  const error = await openMetadata.serverVersion().catch((caught: unknown) => caught);
  expect(isClientClosedError(error)).toBe(true);
});

test('validate needs ajv: without it the call is a ConfigError that says what to install', async () => {
  vi.doMock('ajv', () => {
    throw new Error("Cannot find package 'ajv'");
  });
  vi.resetModules();
  const { OpenMetadata: FreshOpenMetadata } = await import('../src/index.js');
  const transport = createTestingTransport(() => ({ body: example('table') }));
  const openMetadata = new FreshOpenMetadata({ baseUrl: BASE_URL, transport, retry: 0, validate: true });
  const error = await configErrorOf(() => openMetadata.tables.getByName('a.b'));
  expect(error.field).toBe('validate');
  expect(error.message).toContain('npm install ajv ajv-formats');
});

test('validate must be a boolean', async () => {
  const error = await configErrorOf(() => new OpenMetadata({ baseUrl: BASE_URL, validate: 'yes' as never }));
  expect(error.field).toBe('validate');
});
