import { isAPIError, isClientClosedError, isConfigError, isResponseParseError } from '@meta/errors';
import { ENTITY_KINDS, OpenMetadata, type Table } from '@meta/openmetadata';
import { REST } from '@meta/rest';
import { createFetchTransport } from '@meta/transport';
import { describe, expect, expectTypeOf, test } from 'vitest';
import {
  BAD_IDS,
  BAD_PATCH_OPERATIONS,
  BAD_VERSIONS,
  COLLECTION_PATHS,
  NOT_AN_ENTITY,
  rejection,
} from './blackbox/hostile-inputs.js';
import {
  errorBody,
  ID,
  json,
  MOCK_ORIGIN,
  OTHER_ID,
  table,
  useMockOpenMetadata,
} from './blackbox/mock-server.js';

const mock = useMockOpenMetadata();

describe('black box: entity calls of @meta/openmetadata', () => {
  test('getById sends GET /api/v1/tables/<id> with the bearer token and fields comma-joined', async () => {
    mock.respond(() => json(table()));
    const client = mock.client();
    const result = await client.tables.getById(ID, { fields: ['owners', 'tags', 'columns'] });
    expect(result.name).toBe('orders');
    const [request] = mock.seen;
    expect(request?.method).toBe('GET');
    expect(request?.url.pathname).toBe(`/api/v1/tables/${ID}`);
    expect(request?.url.searchParams.getAll('fields')).toEqual(['owners,tags,columns']);
    expect(request?.headers.get('authorization')).toBe('Bearer blackbox-secret-token');
  });

  test('every entity kind lists under its own OpenMetadata collection path', async () => {
    mock.respond(() => json({ data: [], paging: { total: 0 } }));
    const client = mock.client();
    const expected = COLLECTION_PATHS;
    for (const kind of Object.keys(expected)) {
      await (client as unknown as Record<string, { list(): Promise<unknown> }>)[kind]?.list();
    }
    expect(mock.seen.map((request) => request.url.pathname)).toEqual(
      Object.values(expected).map((path) => `/api/v1${path}`),
    );
    expect(Object.keys(ENTITY_KINDS).sort()).toEqual(Object.keys(expected).sort());
  });

  test('a 404 {code, message} is an APIError with the server message, or undefined only when asked', async () => {
    mock.respond(() => errorBody(404, `Entity with id [${ID}] not found.`));
    const client = mock.client();
    const error = await rejection(client.tables.getById(ID));
    expect(isAPIError(error) && error.statusCode).toBe(404);
    expect(isAPIError(error) && error.message).toBe(`Entity with id [${ID}] not found.`);
    expect(isAPIError(error) && error.code).toBe(404);
    await expect(client.tables.getByName('a.b', { notFound: 'undefined' })).resolves.toBeUndefined();
    await expect(client.tables.getById(ID, { notFound: 'undefined' })).resolves.toBeUndefined();
  });

  test('notFound: undefined still rejects a 401, 403, 409, 500 and an HTML 404 page is still undefined', async () => {
    const client = mock.client();
    for (const status of [400, 401, 403, 409, 500]) {
      mock.respond(() => errorBody(status, `status ${status}`));
      const error = await rejection(client.tables.getByName('a', { notFound: 'undefined' }));
      expect(isAPIError(error) && error.statusCode).toBe(status);
    }
    mock.respond(
      () => new Response('<html>not here</html>', { status: 404, headers: { 'content-type': 'text/html' } }),
    );
    await expect(client.tables.getByName('a', { notFound: 'undefined' })).resolves.toBeUndefined();
  });

  test('an entity answer that is not a JSON object is a ResponseParseError, never null typed as an entity', async () => {
    const client = mock.client();
    for (const answer of NOT_AN_ENTITY) {
      mock.respond(answer);
      const error = await rejection(client.tables.getById(ID));
      expect(isResponseParseError(error), String(error)).toBe(true);
    }
  });

  test('create POSTs JSON, createOrUpdate PUTs it, and a 409 is not replayed', async () => {
    const client = mock.client({ retry: 3, retryWait: 0 });
    mock.respond((request) => json(table({ name: JSON.parse(request.body).name }), 201));
    const request = {
      name: 'orders',
      databaseSchema: 'mysql.shop.public',
      columns: [{ name: 'id', dataType: 'INT' }],
    };
    await client.tables.create(request as never);
    await client.tables.createOrUpdate(request as never);
    expect(mock.seen.map((seen) => `${seen.method} ${seen.url.pathname}`)).toEqual([
      'POST /api/v1/tables',
      'PUT /api/v1/tables',
    ]);
    expect(mock.seen[0]?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(mock.seen[1]?.body ?? '')).toEqual(request);
    mock.seen.length = 0;
    mock.respond(() => errorBody(409, 'Entity already exists'));
    const error = await rejection(client.tables.create(request as never));
    expect(isAPIError(error) && [error.statusCode, error.message]).toEqual([409, 'Entity already exists']);
    expect(mock.seen).toHaveLength(1);
  });

  test('patch sends the operations as application/json-patch+json to /tables/<id>', async () => {
    mock.respond(() => json(table({ description: 'd' })));
    const client = mock.client();
    const operations = [
      { op: 'add', path: '/description', value: 'd' },
      { op: 'remove', path: '/tags/0' },
      { op: 'test', path: '/name', value: 'orders' },
    ] as const;
    await client.tables.patch(ID, [...operations]);
    expect(mock.seen[0]?.method).toBe('PATCH');
    expect(mock.seen[0]?.url.pathname).toBe(`/api/v1/tables/${ID}`);
    expect(mock.seen[0]?.headers.get('content-type')).toMatch(/^application\/json-patch\+json/);
    expect(JSON.parse(mock.seen[0]?.body ?? '')).toEqual(operations);
  });

  test('patch refuses operations that are not RFC 6902 (a pointer with ~2 included) with a ConfigError, sending nothing', async () => {
    const client = mock.client();
    for (const operations of BAD_PATCH_OPERATIONS) {
      const error = await rejection(client.tables.patch(ID, operations as never));
      expect(isConfigError(error), `${JSON.stringify(operations)}: ${String(error)}`).toBe(true);
      expect(isConfigError(error) && error.field).toMatch(/^operations/);
    }
    expect(mock.seen).toHaveLength(0);
  });

  test('delete sends hardDelete and recursive as query flags and resolves undefined', async () => {
    mock.respond(() => json(table({ deleted: true })));
    const client = mock.client();
    await expect(client.tables.delete(ID, { hardDelete: true, recursive: true })).resolves.toBeUndefined();
    await client.databases.delete(OTHER_ID, { hardDelete: false, recursive: false });
    const [first, second] = mock.seen;
    expect(first?.method).toBe('DELETE');
    expect(first?.url.pathname).toBe(`/api/v1/tables/${ID}`);
    expect(Object.fromEntries(first?.url.searchParams ?? [])).toEqual({
      hardDelete: 'true',
      recursive: 'true',
    });
    expect(second?.url.pathname).toBe(`/api/v1/databases/${OTHER_ID}`);
    expect(second?.url.searchParams.get('hardDelete')).not.toBe('true');
    expect(second?.url.searchParams.get('recursive')).not.toBe('true');
  });

  test('restore PUTs {id} to /<kind>/restore; versions and getVersion read the history', async () => {
    const client = mock.client();
    mock.respond((request) => {
      if (request.url.pathname.endsWith('/versions')) {
        return json({ entityType: 'table', versions: [JSON.stringify(table({ version: 0.2 }))] });
      }
      return json(table({ version: 0.2 }));
    });
    expect((await client.tables.restore(ID)).version).toBe(0.2);
    const history = await client.tables.versions(ID);
    expect(history.entityType).toBe('table');
    await client.tables.getVersion(ID, 0.1);
    await client.tables.getVersion(ID, '1.10');
    expect(mock.seen.map((seen) => `${seen.method} ${seen.url.pathname}`)).toEqual([
      'PUT /api/v1/tables/restore',
      `GET /api/v1/tables/${ID}/versions`,
      `GET /api/v1/tables/${ID}/versions/0.1`,
      `GET /api/v1/tables/${ID}/versions/1.10`,
    ]);
    expect(JSON.parse(mock.seen[0]?.body ?? '')).toEqual({ id: ID });
  });

  test('ids and versions that are not what OpenMetadata takes are ConfigErrors before anything is sent', async () => {
    const client = mock.client();
    for (const id of BAD_IDS) {
      for (const call of [
        () => client.tables.getById(id as string),
        () => client.tables.delete(id as string),
        () => client.tables.restore(id as string),
        () => client.tables.versions(id as string),
        () => client.tables.patch(id as string, []),
      ]) {
        const error = await rejection(call());
        expect(isConfigError(error), `${JSON.stringify(id)}: ${String(error)}`).toBe(true);
      }
    }
    for (const version of BAD_VERSIONS) {
      const error = await rejection(client.tables.getVersion(ID, version as string));
      expect(isConfigError(error), `${JSON.stringify(version)}: ${String(error)}`).toBe(true);
    }
    expect(mock.seen).toHaveLength(0);
  });

  test('health is true on a version, serverVersion returns it, and a body without version is a parse error', async () => {
    const client = mock.client();
    mock.respond(() => json({ version: '1.6.2', revision: 'abc', timestamp: 1 }));
    await expect(client.health()).resolves.toBe(true);
    await expect(client.serverVersion()).resolves.toEqual({
      version: '1.6.2',
      revision: 'abc',
      timestamp: 1,
    });
    expect(mock.seen.map((seen) => seen.url.pathname)).toEqual([
      '/api/v1/system/version',
      '/api/v1/system/version',
    ]);
    for (const body of [{}, { version: 5 }, [], null, 'text']) {
      mock.respond(() => json(body));
      expect(isResponseParseError(await rejection(client.serverVersion())), JSON.stringify(body)).toBe(true);
    }
    mock.respond(() => errorBody(401, 'Not authorized'));
    expect(isAPIError(await rejection(client.health()))).toBe(true);
    mock.respond(
      () => new Response('<!doctype html><html>UI</html>', { headers: { 'content-type': 'text/html' } }),
    );
    const html = await rejection(client.health());
    expect(isResponseParseError(html) && html.code).toBe('ERR_HTML_RESPONSE');
  });

  test('versions whose versions is not an array is a ResponseParseError; a delete answered 204 resolves', async () => {
    const client = mock.client();
    for (const versions of ['nope', null, { 0: '{}' }]) {
      mock.respond(() => json({ entityType: 'table', versions }));
      expect(
        isResponseParseError(await rejection(client.tables.versions(ID))),
        JSON.stringify(versions),
      ).toBe(true);
    }
    mock.respond(() => new Response(null, { status: 204 }));
    await expect(client.tables.delete(ID)).resolves.toBeUndefined();
  });

  test('a REST with rawData: true is accepted, typed and used as is, never closed; a config-built REST is closed', async () => {
    mock.respond(() => json(table()));
    const rest = new REST({
      baseUrl: `${MOCK_ORIGIN}/api`,
      transport: createFetchTransport(),
      rawData: true,
      retry: 0,
    });
    const shared = new OpenMetadata(rest);
    expectTypeOf(shared.rest).toEqualTypeOf<REST<true>>();
    // Type-only (never called): fromEnv without rawData is the plain client.
    const typeOnly = () => expectTypeOf(OpenMetadata.fromEnv({})).toEqualTypeOf<OpenMetadata>();
    void typeOnly;
    expect(shared.rest).toBe(rest);
    const entity = await shared.tables.getById(ID);
    expectTypeOf(entity).toEqualTypeOf<Table>();
    expect(entity.name).toBe('orders');
    await shared.close();
    const envelope = (await rest.get(`/tables/${ID}`)) as { status: number };
    expect(envelope.status).toBe(200);
    await rest.close();
    const owned = mock.client();
    await owned.close();
    expect(isClientClosedError(await rejection(owned.tables.getById(ID)))).toBe(true);
  });

  test('a 401 then success refreshes the token once through the provider and replays', async () => {
    let tokens = 0;
    const client = mock.client({
      accessToken: undefined,
      authToken: () => [`token-${++tokens}`, 3600],
    } as never);
    mock.respond((request, index) =>
      index === 0
        ? errorBody(401, 'Expired token!')
        : json(table({ seenAuth: request.headers.get('authorization') })),
    );
    const result = (await client.tables.getById(ID)) as unknown as { seenAuth: string };
    expect(result.seenAuth).toBe('Bearer token-2');
    expect(mock.seen).toHaveLength(2);
  });

  test('an HTML 502 from a proxy is an APIError, and the token never appears in any error', async () => {
    const client = mock.client();
    mock.respond(
      () =>
        new Response('<html><body>Bad gateway</body></html>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    );
    const error = await rejection(client.tables.getByName('blackbox-secret-token'));
    expect(isAPIError(error) && error.statusCode).toBe(502);
    expect(JSON.stringify(error)).not.toContain('blackbox-secret-token');
    expect(String((error as Error).message)).not.toContain('blackbox-secret-token');
  });

  test('hostile keys in an entity answer never pollute prototypes', async () => {
    const client = mock.client();
    mock.respond(
      () =>
        new Response(
          `{"id":"${ID}","name":"x","columns":[],"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`,
          { headers: { 'content-type': 'application/json' } },
        ),
    );
    const result = (await client.tables.getById(ID)) as unknown as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(result.polluted).toBeUndefined();
  });

  test('an aborted signal (before or during the exchange) rejects with its reason; a non-signal is a ConfigError', async () => {
    const client = mock.client();
    mock.respond(() => json(table()));
    const reason = new Error('user gave up');
    const error = await rejection(client.tables.getById(ID, { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(isConfigError(await rejection(client.tables.getById(ID, { signal: {} as AbortSignal })))).toBe(
      true,
    );
    expect(mock.seen).toHaveLength(0);
    const controller = new AbortController();
    mock.respond(() => new Promise<Response>(() => controller.abort(reason)));
    expect(await rejection(client.tables.list({ signal: controller.signal }))).toBe(reason);
  });
});
