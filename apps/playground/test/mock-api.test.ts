import { fqn } from '@meta/openmetadata';
import { afterEach, beforeEach, expect, test } from 'vitest';
import {
  createMockApi,
  type MockApi,
  redirectTo,
  SEED_IDS,
  SEED_NAMES,
  serviceUnavailable,
  slowResponse,
  tooManyRequests,
} from '../src/mock/index.js';
import { callMock, loginToMock } from './support/call-mock.js';

let mock: MockApi;
let token: string;

beforeEach(async () => {
  mock = createMockApi();
  token = await loginToMock(mock);
});

afterEach(() => mock.reset());

const call = (method: string, path: string, body?: unknown, contentType?: string) =>
  callMock(mock, method, path, {
    token,
    ...(body === undefined ? {} : { body }),
    ...(contentType ? { contentType } : {}),
  });

type Page = { data: Array<{ name: string }>; paging: { before?: string; after?: string; total: number } };

test('lists tables two at a time with after and before cursors, like OpenMetadata', async () => {
  const first = (await call('GET', '/tables?limit=2')).body as Page;
  expect(first.data.map((table) => table.name)).toEqual(['customers', 'orders']);
  expect(first.paging).toEqual({ after: expect.any(String), total: 4 });
  const second = (await call('GET', `/tables?limit=2&after=${encodeURIComponent(first.paging.after!)}`))
    .body as Page;
  expect(second.data.map((table) => table.name)).toEqual(['payments', 'refunds']);
  expect(second.paging).toEqual({ before: expect.any(String), total: 4 });
  const back = (await call('GET', `/tables?limit=2&before=${encodeURIComponent(second.paging.before!)}`))
    .body as Page;
  expect(back.data.map((table) => table.name)).toEqual(['customers', 'orders']);
});

test('answers an unknown id with the {code, message} 404 and a forged cursor with a 400', async () => {
  const missing = '00000000-0000-4000-8000-000000000000';
  expect(await call('GET', `/tables/${missing}`)).toMatchObject({
    status: 404,
    body: { code: 404, message: `Entity with id [${missing}] not found.` },
  });
  expect((await call('GET', '/tables?after=not-a-cursor')).status).toBe(400);
});

test('answers a duplicate POST with 409 and a body without columns with a 400 naming the field', async () => {
  const duplicate = await call('POST', '/databases', { name: 'ecommerce', service: SEED_NAMES.service });
  expect(duplicate).toMatchObject({ status: 409, body: { code: 409, message: 'Entity already exists' } });
  const invalid = await call('POST', '/tables', {
    name: 'broken',
    databaseSchema: SEED_NAMES.databaseSchema,
  });
  expect(invalid).toMatchObject({ status: 400, body: { code: 400, message: '[columns must not be null]' } });
});

test('creates with PUT (201), then updates the same name (200) and moves the version on by 0.1', async () => {
  const body = {
    name: 'events',
    databaseSchema: SEED_NAMES.databaseSchema,
    columns: [{ name: 'id', dataType: 'INT' }],
  };
  const created = await call('PUT', '/tables', body);
  expect(created).toMatchObject({
    status: 201,
    body: { version: 0.1, fullyQualifiedName: `${SEED_NAMES.databaseSchema}.events` },
  });
  const updated = await call('PUT', '/tables', { ...body, description: 'Click stream' });
  expect(updated).toMatchObject({ status: 200, body: { version: 0.2, description: 'Click stream' } });
});

test('applies a JSON patch sent as application/json-patch+json and refuses plain JSON with 415', async () => {
  const patch = [{ op: 'replace', path: '/description', value: 'Every order ever placed' }];
  const refused = await call('PATCH', `/tables/${SEED_IDS.tables.orders}`, patch);
  expect(refused.status).toBe(415);
  const patched = await call(
    'PATCH',
    `/tables/${SEED_IDS.tables.orders}`,
    patch,
    'application/json-patch+json',
  );
  expect(patched).toMatchObject({
    status: 200,
    body: { description: 'Every order ever placed', version: 0.2 },
  });
  const forbidden = await call(
    'PATCH',
    `/tables/${SEED_IDS.tables.orders}`,
    [{ op: 'replace', path: '/id', value: 'x' }],
    'application/json-patch+json',
  );
  expect(forbidden.status).toBe(400);
});

test('a soft delete hides the table from lists, a hard delete removes it for good', async () => {
  expect((await call('DELETE', `/tables/${SEED_IDS.tables.refunds}`)).body).toMatchObject({ deleted: true });
  expect(((await call('GET', '/tables')).body as Page).paging.total).toBe(3);
  expect(((await call('GET', '/tables?include=all')).body as Page).paging.total).toBe(4);
  expect((await call('DELETE', `/tables/${SEED_IDS.tables.refunds}?hardDelete=true`)).status).toBe(200);
  expect((await call('GET', `/tables/${SEED_IDS.tables.refunds}?include=all`)).status).toBe(404);
});

test('refuses a request without a token, and one whose token expired, with a 401', async () => {
  expect(await callMock(mock, 'GET', '/tables')).toMatchObject({ status: 401, body: { code: 401 } });
  mock.tokens.expireAll();
  expect(await call('GET', '/tables')).toMatchObject({ status: 401, body: { message: 'Expired token!' } });
  expect((await callMock(mock, 'GET', '/tables', { token: await loginToMock(mock) })).status).toBe(200);
});

test('scripted trouble answers as many times as armed, then the normal handlers answer again', async () => {
  mock.trouble.arm('GET', '/api/v1/tables', serviceUnavailable(), { times: 2 });
  mock.trouble.arm('GET', '/api/v1/databases', tooManyRequests('1'));
  mock.trouble.arm('GET', '/api/v1/tables/name/old', redirectTo('/api/v1/tables/name/new', 308));
  expect((await call('GET', '/tables')).status).toBe(503);
  expect((await call('GET', '/tables')).status).toBe(503);
  expect((await call('GET', '/tables')).status).toBe(200);
  const limited = await call('GET', '/databases');
  expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '1']);
  const moved = await call('GET', '/tables/name/old');
  expect([moved.status, moved.headers.get('location')]).toEqual([308, '/api/v1/tables/name/new']);
  expect(mock.trouble.armedCount).toBe(0);
});

test('a slow response is released at once when the mock resets, so no timer outlives a test', async () => {
  mock.trouble.arm('GET', '/api/v1/tables', slowResponse(600_000));
  const pending = call('GET', '/tables');
  mock.reset();
  expect((await pending).status).toBe(200);
});

test('a database with schemas needs recursive=true to be deleted, which then deletes the schema and its tables', async () => {
  const refused = await call('DELETE', `/databases/${SEED_IDS.database}`);
  expect(refused).toMatchObject({ status: 400, body: { code: 400, message: 'database is not empty' } });
  const deleted = await call('DELETE', `/databases/${SEED_IDS.database}?recursive=true`);
  expect(deleted).toMatchObject({ status: 200, body: { deleted: true } });
  expect(((await call('GET', '/tables')).body as Page).paging.total).toBe(0);
  expect(((await call('GET', '/databaseSchemas?include=deleted')).body as Page).paging.total).toBe(1);
});

test('restore brings back a soft-deleted entity; a live or unknown id is a 404', async () => {
  await call('DELETE', `/topics/${SEED_IDS.topic}`);
  expect((await call('GET', `/topics/${SEED_IDS.topic}`)).status).toBe(404);
  const restored = await call('PUT', '/topics/restore', { id: SEED_IDS.topic });
  expect(restored).toMatchObject({ status: 200, body: { deleted: false, version: 0.3 } });
  expect((await call('PUT', '/topics/restore', { id: SEED_IDS.topic })).status).toBe(404);
});

test('versions lists every version newest first, each as the JSON OpenMetadata sends', async () => {
  const patch = [{ op: 'add', path: '/displayName', value: 'Alice A.' }];
  await call('PATCH', `/users/${SEED_IDS.user}`, patch, 'application/json-patch+json');
  const history = (await call('GET', `/users/${SEED_IDS.user}/versions`)).body as {
    entityType: string;
    versions: string[];
  };
  expect(history.entityType).toBe('user');
  expect(history.versions.map((version) => JSON.parse(version).version)).toEqual([0.2, 0.1]);
  expect((await call('GET', '/users/00000000-0000-4000-8000-000000000000/versions')).status).toBe(404);
});

test('serves one version by number (as getVersion asks for it); an unknown one is a 404, a bad one a 400', async () => {
  const patch = [{ op: 'add', path: '/displayName', value: 'Alice A.' }];
  await call('PATCH', `/users/${SEED_IDS.user}`, patch, 'application/json-patch+json');
  const first = await call('GET', `/users/${SEED_IDS.user}/versions/0.1`);
  expect(first).toMatchObject({ status: 200, body: { id: SEED_IDS.user, version: 0.1 } });
  expect((first.body as { displayName?: string }).displayName).not.toBe('Alice A.');
  expect((await call('GET', `/users/${SEED_IDS.user}/versions/0.2`)).body).toMatchObject({
    displayName: 'Alice A.',
  });
  expect(await call('GET', `/users/${SEED_IDS.user}/versions/9.9`)).toMatchObject({
    status: 404,
    body: { code: 404 },
  });
  expect((await call('GET', `/users/${SEED_IDS.user}/versions/latest`)).status).toBe(400);
});

test('finds a name with a dot by its quoted, percent-encoded fully qualified name', async () => {
  const topic = await call('GET', `/topics/name/${encodeURIComponent(SEED_NAMES.topic)}`);
  expect(topic).toMatchObject({
    status: 200,
    body: { name: 'orders.created', fullyQualifiedName: SEED_NAMES.topic },
  });
  expect(SEED_NAMES.topic).toBe('kafka_prod."orders.created"');
});

test('stores a name with a quote under the FQN upstream builds (the quote escaped as \\"), found by fqn.build', async () => {
  const created = await call('POST', '/classifications', { name: 'say "hi"', description: 'quoted' });
  expect(created).toMatchObject({ status: 201, body: { fullyQualifiedName: 'say \\"hi\\"' } });
  const dotted = await call('POST', '/classifications', { name: 'v1.2 "beta"', description: 'both' });
  expect(dotted.body).toMatchObject({ fullyQualifiedName: fqn.build('v1.2 "beta"') });
  const found = await call('GET', `/classifications/name/${encodeURIComponent(fqn.build('say "hi"'))}`);
  expect(found).toMatchObject({ status: 200, body: { name: 'say "hi"' } });
});

test('serves database services under /services and the server version under /system', async () => {
  const services = (await call('GET', '/services/databaseServices')).body as Page;
  expect(services.data.map((service) => service.name)).toEqual(['mysql_prod']);
  expect(await call('GET', '/system/version')).toMatchObject({
    status: 200,
    body: { version: expect.any(String) },
  });
  expect(await call('GET', '/tags?parent=PII')).toMatchObject({
    status: 200,
    body: { paging: { total: 1 } },
  });
});

test('answers an unknown path or method under the API with the JSON 404 OpenMetadata sends, not an unhandled request', async () => {
  for (const [method, path] of [
    ['GET', '/no-such-resource'],
    ['POST', '/system/version'],
    ['DELETE', '/tables/name/nowhere.at.all/extra/segments'],
  ] as const) {
    const answer = await call(method, path);
    expect(answer.status, `${method} ${path}`).toBe(404);
    expect(answer.body).toEqual({ code: 404, message: 'HTTP 404 Not Found' });
  }
});
