// SPEC section 8, rule by rule, where the other suites covered only the easy case: every entity kind through
// every call, boundaries of limit/pageSize/fields, hostile pagers over a real socket (undici), odd answers to
// health/serverVersion, fromEnv's bad variables and the notFound rule beyond 404. Through the public entry only.
import { existsSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { isAPIError, isConfigError, isResponseParseError, type ResponseParseError } from '@meta/errors';
import { ENTITY_KINDS, type EntityKind, fqn, OpenMetadata } from '@meta/openmetadata';
import { afterEach, describe, expect, test } from 'vitest';
import { COLLECTION_PATHS, rejection, walk } from './blackbox/hostile-inputs.js';
import {
  errorBody,
  ID,
  json,
  OTHER_ID,
  page,
  QUIET_LOGGER,
  table,
  useMockOpenMetadata,
} from './blackbox/mock-server.js';
import { useWireServer } from './blackbox/wire-server.js';
import { configErrorOf } from './config-error.js';

const mock = useMockOpenMetadata();
const wire = useWireServer();
const wireClients: OpenMetadata[] = [];
afterEach(async () => {
  await Promise.all(wireClients.splice(0).map((client) => client.close()));
});

/** A client on the default (undici) transport, talking to the real loopback server. */
function undiciClient(): OpenMetadata {
  const client = new OpenMetadata({
    baseUrl: `${wire.origin}/api`,
    accessToken: 'wire-secret-token',
    retry: 0,
    logger: QUIET_LOGGER,
  });
  wireClients.push(client);
  return client;
}

const KINDS = Object.keys(ENTITY_KINDS) as EntityKind[];

describe('spec-trace: @meta/openmetadata (SPEC 8)', () => {
  test('the client has exactly the thirteen entity kinds SPEC 8 names, each at its OpenMetadata path', () => {
    expect(KINDS.sort()).toEqual(Object.keys(COLLECTION_PATHS).sort());
    const client = mock.client();
    for (const kind of KINDS) expect(client[kind].path, kind).toBe(COLLECTION_PATHS[kind]);
  });

  test.each(KINDS)(
    '%s: every call reaches its own route with the right method, query and body',
    async (kind) => {
      mock.respond((request) =>
        request.method === 'GET' && request.url.pathname.endsWith('/versions')
          ? json({ entityType: 'x', versions: ['{}'] })
          : json({ id: ID, name: 'n', fullyQualifiedName: 'n', version: 0.2 }),
      );
      const api = mock.client()[kind] as unknown as {
        getByName(fqn: string, options?: object): Promise<unknown>;
        getById(id: string, options?: object): Promise<unknown>;
        create(request: object): Promise<unknown>;
        createOrUpdate(request: object): Promise<unknown>;
        patch(id: string, operations: object[]): Promise<unknown>;
        patchFrom(before: object, after: object): Promise<unknown>;
        delete(id: string, options?: object): Promise<void>;
        restore(id: string): Promise<unknown>;
        versions(id: string): Promise<unknown>;
        getVersion(id: string, version: number | string): Promise<unknown>;
      };
      const base = `/api/v1${COLLECTION_PATHS[kind]}`;
      await api.getByName('svc."a.b"', { fields: ['owners', 'tags'] });
      await api.getById(ID, { include: 'all' });
      await api.create({ name: 'n' });
      await api.createOrUpdate({ name: 'n' });
      await api.patch(ID, [{ op: 'add', path: '/description', value: 'd' }]);
      await api.patchFrom({ id: ID, description: 'a' }, { id: ID, description: 'b' });
      await api.delete(ID, { hardDelete: true, recursive: false });
      await api.restore(OTHER_ID);
      await api.versions(ID);
      await api.getVersion(ID, 0.2);
      const seen = mock.seen.map((request) => `${request.method} ${request.rawPath}${request.url.search}`);
      expect(seen).toEqual([
        `GET ${base}/name/svc.%22a.b%22?fields=owners%2Ctags`,
        `GET ${base}/${ID}?include=all`,
        `POST ${base}`,
        `PUT ${base}`,
        `PATCH ${base}/${ID}`,
        `PATCH ${base}/${ID}`,
        `DELETE ${base}/${ID}?hardDelete=true&recursive=false`,
        `PUT ${base}/restore`,
        `GET ${base}/${ID}/versions`,
        `GET ${base}/${ID}/versions/0.2`,
      ]);
      expect(mock.seen[2]?.headers.get('content-type')).toMatch(/^application\/json/);
      expect(JSON.parse(mock.seen[2]?.body ?? '')).toEqual({ name: 'n' });
      expect(mock.seen[4]?.headers.get('content-type')).toBe('application/json-patch+json');
      expect(JSON.parse(mock.seen[5]?.body ?? '')).toEqual([
        { op: 'replace', path: '/description', value: 'b' },
      ]);
      expect(mock.seen[6]?.body).toBe('');
      expect(JSON.parse(mock.seen[7]?.body ?? '')).toEqual({ id: OTHER_ID });
    },
  );

  test('fields: an empty list sends no fields parameter, duplicates and order are sent as given', async () => {
    mock.respond(() => json(table()));
    const client = mock.client();
    await client.tables.getById(ID, { fields: [] });
    await client.tables.getById(ID, { fields: ['tags', 'owners', 'tags'] });
    expect(mock.seen[0]?.url.search).toBe('');
    expect(mock.seen[1]?.url.searchParams.get('fields')).toBe('tags,owners,tags');
  });

  test('fields that cannot be one comma-joined list are ConfigErrors naming fields, nothing sent', async () => {
    const client = mock.client();
    for (const fields of [['owners,tags'], [''], [',' as never], [1], [null], 'owners', { 0: 'owners' }]) {
      const error = await configErrorOf(() => client.tables.getById(ID, { fields } as never));
      expect(error.field, JSON.stringify(fields)).toBe('fields');
      const listError = await configErrorOf(() => client.tables.list({ fields } as never));
      expect(listError.field).toBe('fields');
    }
    expect(mock.seen).toHaveLength(0);
  });

  test('limit: 0 and 1000000 are sent; anything outside, non-integer, huge or not a number is refused', async () => {
    mock.respond(() => page([]));
    const client = mock.client();
    await client.tables.list({ limit: 0 });
    await client.tables.list({ limit: 1_000_000 });
    expect(mock.seen.map((request) => request.url.searchParams.get('limit'))).toEqual(['0', '1000000']);
    for (const limit of [
      -1,
      -0.5,
      1_000_001,
      2 ** 53,
      1e21,
      0.5,
      Number.NaN,
      Infinity,
      '5',
      5n,
      true,
      null,
    ]) {
      const error = await configErrorOf(() => client.tables.list({ limit } as never));
      expect(error.field, String(limit)).toBe('limit');
    }
    expect(mock.seen).toHaveLength(2);
  });

  test('pageSize: 1 and 1000 are the bounds listAll sends as limit; 0, 1001, fractions and text are refused', async () => {
    mock.respond(() => page([table()]));
    const client = mock.client();
    for (const pageSize of [1, 1000]) await walk(client.tables.listAll({ pageSize }));
    await walk(client.tables.listAll());
    expect(mock.seen.map((request) => request.url.searchParams.get('limit'))).toEqual(['1', '1000', '100']);
    for (const pageSize of [0, -1, 1001, 1.5, Number.NaN, '10', null]) {
      const error = await configErrorOf(() => walk(client.tables.listAll({ pageSize } as never)));
      expect(error.field, String(pageSize)).toBe('pageSize');
    }
    expect(mock.seen).toHaveLength(3);
  });

  test.each([
    ['no paging', { data: [] }],
    ['paging null', { data: [], paging: null }],
    ['paging text', { data: [], paging: 'none' }],
    ['paging an array', { data: [], paging: [] }],
  ])(
    'list: a page with %s is a ResponseParseError without validate, never a page whose paging.after throws',
    async (_name, body) => {
      mock.respond(() => json(body));
      const error = await rejection(mock.client().tables.list({ limit: 5 }));
      expect(isResponseParseError(error) && error.message).toMatch(/"paging" object/);
    },
  );

  test('listAll sends fields, include and filters with every page, and only the cursor changes', async () => {
    mock.respond((_request, index) =>
      page([table({ name: `t${index}` })], index < 2 ? { total: 3, after: `c${index}` } : { total: 3 }),
    );
    const client = mock.client();
    const { names, error } = await walk(
      client.tables.listAll({ fields: ['owners'], include: 'all', database: 'svc.db', pageSize: 1 }),
    );
    expect(error).toBeUndefined();
    expect(names).toEqual(['t0', 't1', 't2']);
    const queries = mock.seen.map((request) => Object.fromEntries(request.url.searchParams));
    const common = { fields: 'owners', include: 'all', database: 'svc.db', limit: '1' };
    expect(queries).toEqual([common, { ...common, after: 'c0' }, { ...common, after: 'c1' }]);
  });

  test('listAll over a real socket (undici): a server repeating its cursor forever stops with a ResponseParseError', async () => {
    wire.answer(() => ({ status: 200, body: { data: [table()], paging: { total: 9, after: 'same' } } }));
    const { names, error } = await walk(undiciClient().tables.listAll(), 50);
    expect(isResponseParseError(error)).toBe(true);
    expect(names).toHaveLength(2);
    expect(wire.requests).toHaveLength(2);
  });

  test.each([
    ['after with an empty page', { data: [], paging: { total: 1, after: 'next' } }],
    ['a numeric cursor', { data: [table()], paging: { total: 1, after: 7 } }],
    ['an array cursor', { data: [table()], paging: { total: 1, after: ['next'] } }],
    ['no paging', { data: [table()] }],
    ['paging that is an array', { data: [table()], paging: [] }],
    ['data that is an object', { data: { 0: table() }, paging: { total: 1 } }],
    ['data that is null', { data: null, paging: { total: 1 } }],
    ['a page that is an array', [table()]],
  ])(
    'listAll over a real socket (undici): %s is a ResponseParseError, never a hang or a silent end',
    async (_name, body) => {
      wire.answer(() => ({ status: 200, body }));
      const { error } = await walk(undiciClient().tables.listAll(), 50);
      expect(isResponseParseError(error)).toBe(true);
      expect(wire.requests).toHaveLength(1);
    },
  );

  test('listAll over a real socket (undici): an abort while the consumer holds a page stops it with the reason, no further request', async () => {
    let index = 0;
    wire.answer(() => {
      index += 1;
      return { status: 200, body: { data: [table(), table()], paging: { total: 99, after: `c${index}` } } };
    });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const seen: unknown[] = [];
    const error = await rejection(
      (async () => {
        for await (const entity of undiciClient().tables.listAll({ signal: controller.signal })) {
          seen.push(entity);
          if (seen.length === 3) controller.abort(reason);
        }
      })(),
    );
    expect(error).toBe(reason);
    expect(seen).toHaveLength(3);
    expect(wire.requests).toHaveLength(2);
  });

  test('listAll: an abort before the first page rejects with the reason and sends nothing', async () => {
    const reason = new Error('already gone');
    const { error } = await walk(mock.client().tables.listAll({ signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(mock.seen).toHaveLength(0);
  });

  test('patch refuses each malformed operation with a ConfigError naming it, and sends nothing', async () => {
    const client = mock.client();
    const cases: Array<[unknown, string]> = [
      [{ op: 'ADD', path: '/a', value: 1 }, 'operations[0].op'],
      [{ op: 'add', path: '/a', value: undefined }, 'operations[0].value'],
      [{ op: 'test', path: '/a' }, 'operations[0].value'],
      [{ op: 'remove', path: 'a' }, 'operations[0].path'],
      [{ op: 'remove', path: 7 }, 'operations[0].path'],
      [{ op: 'remove', path: '/a~' }, 'operations[0].path'],
      [{ op: 'copy', path: '/a', from: 'b' }, 'operations[0].from'],
      [{ op: 'move', path: '/a' }, 'operations[0].from'],
      [[], 'operations[0]'],
      ['add', 'operations[0]'],
    ];
    for (const [operation, field] of cases) {
      const error = await configErrorOf(() => client.tables.patch(ID, [operation] as never));
      expect(error.field, JSON.stringify(operation)).toBe(field);
    }
    for (const operations of [undefined, null, {}, { op: 'add', path: '/a', value: 1 }]) {
      expect((await configErrorOf(() => client.tables.patch(ID, operations as never))).field).toBe(
        'operations',
      );
    }
    expect(mock.seen).toHaveLength(0);
  });

  test('patchFrom sends nested nulls as values, diffs arrays by index and sends nothing for a reordered copy', async () => {
    mock.respond(() => json(table()));
    const client = mock.client();
    const before = { id: ID, name: 'orders', owner: { id: OTHER_ID, type: 'user' }, tags: ['a', 'b', 'c'] };
    const reordered = {
      tags: ['a', 'b', 'c'],
      owner: { type: 'user', id: OTHER_ID },
      name: 'orders',
      id: ID,
    };
    expect(await client.tables.patchFrom(before as never, reordered as never)).toBe(before);
    expect(await client.tables.patchFrom(before as never, { ...before, extra: undefined } as never)).toBe(
      before,
    );
    expect(mock.seen).toHaveLength(0);
    await client.tables.patchFrom(before as never, { ...before, owner: null, tags: ['a', 'c'] } as never);
    const operations = JSON.parse(mock.seen[0]?.body ?? '[]') as Array<{
      op: string;
      path: string;
      value?: unknown;
    }>;
    expect(operations).toContainEqual({ op: 'replace', path: '/owner', value: null });
    const tags = structuredClone(before.tags) as unknown[];
    for (const operation of operations.filter((entry) => entry.path.startsWith('/tags'))) {
      const index = Number(operation.path.split('/')[2]);
      if (operation.op === 'remove') tags.splice(index, 1);
      else if (operation.op === 'replace') tags[index] = operation.value;
      else if (operation.op === 'add') tags.splice(index, 0, operation.value);
    }
    expect(tags).toEqual(['a', 'c']);
    expect(mock.seen[0]?.rawPath).toBe(`/api/v1/tables/${ID}`);
  });

  test('patchFrom: a Date on both sides with the same instant is no change; keys with ~ and / in nested objects are escaped', async () => {
    mock.respond(() => json(table()));
    const client = mock.client();
    const when = '2026-12-03T00:00:00.000Z';
    const before = { id: ID, at: new Date(when), extension: { 'a/b': { '~c': 1 } } };
    expect(await client.tables.patchFrom(before as never, { ...before, at: new Date(when) } as never)).toBe(
      before,
    );
    await client.tables.patchFrom(before as never, { ...before, extension: { 'a/b': { '~c': 2 } } } as never);
    expect(JSON.parse(mock.seen[0]?.body ?? '')).toEqual([
      { op: 'replace', path: '/extension/a~1b/~0c', value: 2 },
    ]);
  });

  test('delete over a real socket (undici): flags go in the query, false included, and no body is sent', async () => {
    wire.answer(() => ({ status: 200, body: table() }));
    const client = undiciClient();
    await client.tables.delete(ID, { hardDelete: false, recursive: true });
    await client.tables.delete(ID);
    const [flagged, plain] = wire.requests;
    expect(flagged?.method).toBe('DELETE');
    expect(flagged?.rawTarget).toBe(`/api/v1/tables/${ID}?hardDelete=false&recursive=true`);
    expect(plain?.rawTarget).toBe(`/api/v1/tables/${ID}`);
    for (const request of [flagged, plain]) {
      expect(request?.headers['content-length'] ?? '0').toBe('0');
      expect(request?.headers['transfer-encoding']).toBeUndefined();
    }
    for (const hardDelete of ['true', 1, null]) {
      const error = await configErrorOf(() => client.tables.delete(ID, { hardDelete } as never));
      expect(error.field).toBe('hardDelete');
    }
    expect(wire.requests).toHaveLength(2);
  });

  test.each([403, 410, 400, 401, 409, 500])(
    'notFound: "undefined" turns only a 404 into undefined: a %i still rejects with the APIError',
    async (status) => {
      mock.respond(() => errorBody(status, `status ${status}`));
      const client = mock.client();
      for (const call of [
        () => client.tables.getById(ID, { notFound: 'undefined' }),
        () => client.tables.getByName('svc.db', { notFound: 'undefined' }),
      ]) {
        const error = await rejection(call());
        expect(isAPIError(error) && error.statusCode).toBe(status);
      }
    },
  );

  test('notFound applies to reads only: a 404 from list, patch, delete, restore or versions rejects', async () => {
    mock.respond(() => errorBody(404, `Entity with id [${ID}] not found.`));
    const client = mock.client();
    const options = { notFound: 'undefined' } as never;
    for (const call of [
      () => client.tables.list(options),
      () => client.tables.delete(ID, options),
      () => client.tables.restore(ID, options),
      () => client.tables.versions(ID, options),
      () => client.tables.patch(ID, [{ op: 'remove', path: '/description' }], options),
    ]) {
      const error = await rejection(call());
      expect(isAPIError(error) && error.statusCode).toBe(404);
    }
    for (const notFound of ['null', 'UNDEFINED', true, 0]) {
      const error = await configErrorOf(() => client.tables.getById(ID, { notFound } as never));
      expect(error.field).toBe('notFound');
    }
  });

  test.each([
    ['plain text', () => new Response('OK', { status: 200, headers: { 'content-type': 'text/plain' } })],
    ['JSON null', () => json(null)],
    ['an array', () => json([{ version: '1.6.2' }])],
    ['a number version', () => json({ version: 1.6 })],
    ['no version', () => json({ revision: 'abc' })],
    ['204 no content', () => new Response(null, { status: 204 })],
  ])('health is false and serverVersion a ResponseParseError on %s', async (_name, answer) => {
    mock.respond(answer);
    const client = mock.client();
    expect(await client.health()).toBe(false);
    expect(isResponseParseError(await rejection(client.serverVersion()))).toBe(true);
    expect(mock.seen.map((request) => request.rawPath)).toEqual([
      '/api/v1/system/version',
      '/api/v1/system/version',
    ]);
  });

  test('health and serverVersion reject the web UI page (HTML 200, a base URL without /api) instead of answering false', async () => {
    mock.respond(() => new Response('<!doctype html><title>OpenMetadata</title>', { status: 200 }));
    const client = mock.client();
    for (const call of [() => client.health(), () => client.serverVersion()]) {
      const error = await rejection(call());
      expect(isResponseParseError(error) && error.message).toMatch(/HTML page/);
    }
  });

  test.each([401, 403, 500, 502])(
    'health and serverVersion reject a %i with the APIError instead of answering false',
    async (status) => {
      mock.respond(() => errorBody(status, 'no'));
      const client = mock.client();
      for (const call of [() => client.health(), () => client.serverVersion()]) {
        const error = await rejection(call());
        expect(isAPIError(error) && error.statusCode).toBe(status);
      }
    },
  );

  test('health and serverVersion honour an abort signal and refuse one that is not a signal', async () => {
    const client = mock.client();
    const reason = new Error('stop');
    expect(await rejection(client.health({ signal: AbortSignal.abort(reason) }))).toBe(reason);
    expect(await rejection(client.serverVersion({ signal: AbortSignal.abort(reason) }))).toBe(reason);
    for (const call of [
      () => client.health({ signal: 'abort' } as never),
      () => client.serverVersion({ signal: {} } as never),
    ]) {
      expect(isConfigError(await rejection(call()))).toBe(true);
    }
    expect(mock.seen).toHaveLength(0);
  });

  test('fromEnv: every missing, blank or malformed variable is a ConfigError naming it, never showing the token', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.s3cr3t-jwt-value';
    const host = 'http://localhost:8585';
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: '', OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: ' \t\n', OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: 'localhost:8585', OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: 'ftp://localhost', OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: 'http://', OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: '/api', OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [
        { OPENMETADATA_HOST: `http://bot:${token}@h:8585`, OPENMETADATA_JWT_TOKEN: token },
        'OPENMETADATA_HOST',
      ],
      [{ OPENMETADATA_HOST: `${host}?token=${token}`, OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: `${host}#${token}`, OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: 8585, OPENMETADATA_JWT_TOKEN: token }, 'OPENMETADATA_HOST'],
      [{ OPENMETADATA_HOST: host }, 'OPENMETADATA_JWT_TOKEN'],
      [{ OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: '   ' }, 'OPENMETADATA_JWT_TOKEN'],
      [
        { OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: `${token}\r\nX-Evil: 1` },
        'OPENMETADATA_JWT_TOKEN',
      ],
      [{ OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: `${token}\u0000` }, 'OPENMETADATA_JWT_TOKEN'],
      [{ OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: `${token}\u2603` }, 'OPENMETADATA_JWT_TOKEN'],
      [{ OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: ['x'] }, 'OPENMETADATA_JWT_TOKEN'],
      [{ OPENMETADATA_HOST: host, OPENMETADATA_API_KEY: `${token}\nx` }, 'OPENMETADATA_API_KEY'],
    ];
    for (const [env, field] of cases) {
      let caught: unknown;
      try {
        OpenMetadata.fromEnv(env as never).close();
      } catch (error) {
        caught = error;
      }
      expect(isConfigError(caught) && caught.field, JSON.stringify(env)).toBe(field);
      const shown = [
        String(caught),
        (caught as Error).stack ?? '',
        JSON.stringify(caught),
        inspect(caught, { depth: 8 }),
      ].join('\n');
      expect(shown).not.toContain('s3cr3t');
    }
  });

  test('validation off returns a schema-breaking answer as sent; on (client or call) it is a ResponseParseError whose issues name the unknown property', async () => {
    const broken = table({ columns: 'not columns', unknownField: 1 });
    mock.respond(() => json(broken));
    const plain = mock.client();
    expect(await plain.tables.getById(ID)).toEqual(broken);
    const perCall = (await rejection(plain.tables.getById(ID, { validate: true }))) as ResponseParseError;
    expect(isResponseParseError(perCall)).toBe(true);
    const validating = mock.client({}, { validate: true });
    const onClient = await rejection(validating.tables.getByName('a.b'));
    expect(isResponseParseError(onClient)).toBe(true);
    expect(await validating.tables.getByName('a.b', { validate: false })).toEqual(broken);
    for (const error of [perCall, onClient] as ResponseParseError[]) {
      const text = JSON.stringify(error.issues);
      expect(text).toContain('columns');
      expect(text).toContain('unknownField');
      expect(error.message).toContain('must NOT have additional properties ("unknownField")');
    }
  });

  test('validation of writes: create, createOrUpdate, patch and restore answers are checked when asked', async () => {
    mock.respond(() => json({ id: ID, name: 42 }));
    const client = mock.client({}, { validate: true });
    for (const call of [
      () => client.databases.create({ name: 'db', service: 'svc' }),
      () => client.databases.createOrUpdate({ name: 'db', service: 'svc' }),
      () => client.databases.patch(ID, [{ op: 'remove', path: '/description' }]),
      () => client.databases.restore(ID),
      () => client.databases.getVersion(ID, '0.1'),
    ]) {
      expect(isResponseParseError(await rejection(call()))).toBe(true);
    }
    expect(mock.seen).toHaveLength(5);
  });

  test('getByName sends an FQN with empty parts, quotes, %, ?, #, spaces and unicode as one encoded segment (undici)', async () => {
    wire.answer(() => ({ status: 200, body: table() }));
    const client = undiciClient();
    const names = [
      'a..b',
      '.a',
      'a.',
      '"a.b".c',
      'a%2Fb',
      '100%',
      'a?b=c',
      'a#b',
      ' a b ',
      '表.データ',
      'a"b',
    ];
    for (const name of names) {
      wire.requests.length = 0;
      await client.tables.getByName(name, { fields: ['owners'] });
      const target = wire.requests[0]?.rawTarget ?? '';
      expect(target, name).toBe(`/api/v1/tables/name/${encodeURIComponent(name)}?fields=owners`);
    }
  });

  test('create with a body JSON cannot carry rejects with a typed error and sends nothing', async () => {
    const client = mock.client();
    const cyclic: Record<string, unknown> = { name: 'db', service: 'svc' };
    cyclic.self = cyclic;
    for (const request of [{ name: 'db', service: 'svc', size: 1n }, cyclic]) {
      const error = await rejection(client.databases.create(request as never));
      expect(isConfigError(error), String(error)).toBe(true);
    }
    for (const request of [null, 'db', ['db'], 5]) {
      expect((await configErrorOf(() => client.databases.create(request as never))).field).toBe('request');
    }
    expect(mock.seen).toHaveLength(0);
  });

  test('fromEnv with an env that is not an object (null, a number, text) is a ConfigError naming env, not a TypeError', async () => {
    for (const env of [null, 5, 'OPENMETADATA_HOST=http://h', true]) {
      const error = await configErrorOf(() => OpenMetadata.fromEnv(env as never));
      expect(error.field, String(env)).toBe('env');
    }
  });

  test('the constructor refuses options that are not an object with a ConfigError, not a TypeError', async () => {
    for (const options of [null, 'validate', 1]) {
      const error = await configErrorOf(
        () => new OpenMetadata({ baseUrl: 'http://127.0.0.1:9/api', logger: QUIET_LOGGER }, options as never),
      );
      expect(error.field, String(options)).toBe('options');
    }
  });

  test('fqn helpers refuse a part that is not a string with a ConfigError naming name, unquoteName included', async () => {
    for (const part of [null, undefined, 5, {}]) {
      for (const helper of [fqn.quoteName, fqn.unquoteName, fqn.split, (value: string) => fqn.build(value)]) {
        expect((await configErrorOf(() => helper(part as never))).field).toBe('name');
      }
    }
  });

  test('the vendored schemas ship with their Apache-2.0 license, a provenance README and the re-check script', () => {
    const spec = new URL('../openmetadata-spec/', import.meta.url);
    for (const file of ['LICENSE', 'README.md', 'check.mjs', 'schema/entity/data/table.json']) {
      expect(existsSync(new URL(file, spec)), file).toBe(true);
    }
    expect(readFileSync(new URL('LICENSE', spec), 'utf8')).toMatch(/Apache License,? Version 2\.0/);
  });
});
