import { isConfigError } from '@meta/errors';
import { apiBaseUrl, fqn, OpenMetadata, quoteName, unquoteName } from '@meta/openmetadata';
import { afterEach, describe, expect, test } from 'vitest';
import { ID, QUIET_LOGGER, table } from './blackbox/mock-server.js';
import { useWireServer } from './blackbox/wire-server.js';

const wire = useWireServer();
const clients: OpenMetadata[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

function fromEnv(
  env: Record<string, string | undefined>,
  overrides: Record<string, unknown> = {},
): OpenMetadata {
  const client = OpenMetadata.fromEnv(env, { retry: 0, logger: QUIET_LOGGER, ...overrides } as never);
  clients.push(client);
  return client;
}

function configErrorOf(action: () => unknown): { field?: string; message: string } {
  try {
    action();
  } catch (error) {
    expect(isConfigError(error), String(error)).toBe(true);
    return error as { field?: string; message: string };
  }
  throw new Error('expected a ConfigError');
}

/** A seeded generator of hostile names: dots, quotes, backslashes, slashes, percent signs, unicode. */
function hostileNames(count: number): string[] {
  const alphabet = [
    'a',
    'Z',
    '.',
    '"',
    '\\',
    '/',
    '%',
    '2',
    'f',
    '?',
    '#',
    ' ',
    '\u00e9',
    '\u{1f600}',
    '~',
    '&',
    '+',
  ];
  let seed = 7;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed;
  };
  return Array.from({ length: count }, () =>
    Array.from({ length: 1 + (next() % 8) }, () => alphabet[next() % alphabet.length]).join(''),
  );
}

describe('black box: FQNs, path encoding and fromEnv', () => {
  test('fqn.build quotes names with dots and escapes quotes; split gives the names back', () => {
    expect(fqn.build('mysql', 'shop', 'orders.v2')).toBe('mysql.shop."orders.v2"');
    expect(fqn.build('say "hi"')).toBe('say \\"hi\\"');
    expect(fqn.build('\u6570\u636e', '\u00fc.x')).toBe('\u6570\u636e."\u00fc.x"');
    expect(fqn.split('kafka_prod."orders.created"')).toEqual(['kafka_prod', 'orders.created']);
    expect(quoteName('"a.b"')).toBe('"a.b"');
    expect(quoteName('"ab"')).toBe('ab');
    expect(unquoteName('"a.b"')).toBe('a.b');
    for (const name of hostileNames(400)) {
      if (name.includes('.') && name.endsWith('\\')) continue;
      if (/^".*"$/.test(name) && name.length > 1) continue;
      expect(fqn.split(fqn.build('service', name, 'x'))).toEqual(['service', name, 'x']);
    }
  });

  test('names and FQNs OpenMetadata cannot hold are ConfigErrors', () => {
    for (const names of [[''], ['a\nb'], ['a\rb'], ['a.b\\'], [5], [null]]) {
      configErrorOf(() => fqn.build(...(names as string[])));
    }
    for (const text of ['', 'a..b', '.a', 'a.', 'a."b', '"a"b', 'a"b']) {
      configErrorOf(() => fqn.split(text));
    }
  });

  test('a hostile FQN stays one percent-encoded segment under /tables/name/ on the wire', async () => {
    wire.answer(() => ({ status: 200, body: table() }));
    const client = new OpenMetadata({
      baseUrl: `${wire.origin}/api`,
      accessToken: 't',
      retry: 0,
      logger: QUIET_LOGGER,
    });
    clients.push(client);
    const names = [
      'a/b',
      'a?limit=1',
      'a#frag',
      '%2f',
      '%2e%2e',
      '..%2f..%2fusers',
      'a b',
      '\u00e9\u00fc."x.y"',
      '\u{1f600}',
      'a\\b',
      '...',
      'a/.../b',
      '.%2e',
      ';',
      "it's (a) *star*!",
      ...hostileNames(60).filter((name) => !/(^|[/\\])\.{1,2}($|[/\\])/.test(name)),
    ];
    for (const name of names) {
      wire.requests.length = 0;
      await client.tables.getByName(name);
      const target = wire.requests[0]?.rawTarget ?? '';
      const prefix = '/api/v1/tables/name/';
      expect(target.startsWith(prefix), target).toBe(true);
      const segment = target.slice(prefix.length);
      expect(segment, name).toMatch(/^[A-Za-z0-9%._~!'()*-]+$/);
      expect(decodeURIComponent(segment)).toBe(name);
    }
  });

  test('an FQN that is or holds a dot-segment is a ConfigError naming fqn, and nothing is sent', async () => {
    const client = new OpenMetadata({
      baseUrl: `${wire.origin}/api`,
      accessToken: 't',
      retry: 0,
      logger: QUIET_LOGGER,
    });
    clients.push(client);
    for (const name of [
      '.',
      '..',
      'a/../b',
      '../users',
      'a/..',
      './a',
      'a\\..\\b',
      '..;x',
      'a/.;x/b',
      '\ud800',
    ]) {
      const error = await client.tables.getByName(name).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(isConfigError(error), `${name}: ${String(error)}`).toBe(true);
      expect((error as { field?: string }).field).toBe('fqn');
    }
    expect(wire.requests).toHaveLength(0);
  });

  test('fromEnv reads OPENMETADATA_HOST and OPENMETADATA_JWT_TOKEN and puts the API under /api/v1', async () => {
    wire.answer(() => ({ status: 200, body: table() }));
    for (const host of [wire.origin, `${wire.origin}/`, `${wire.origin}/api`, `${wire.origin}/api/v1/`]) {
      wire.requests.length = 0;
      await fromEnv({ OPENMETADATA_HOST: host, OPENMETADATA_JWT_TOKEN: 'jwt-one' }).tables.getById(ID);
      expect(wire.requests[0]?.rawTarget).toBe(`/api/v1/tables/${ID}`);
      expect(wire.requests[0]?.headers.authorization).toBe('Bearer jwt-one');
    }
    expect(apiBaseUrl('https://om.example.com/openmetadata')).toBe('https://om.example.com/openmetadata/api');
  });

  test('fromEnv() reads process.env by default, trimming blanks around the values', async () => {
    wire.answer(() => ({ status: 200, body: { version: '1.6.2' } }));
    const saved = { host: process.env.OPENMETADATA_HOST, token: process.env.OPENMETADATA_JWT_TOKEN };
    process.env.OPENMETADATA_HOST = `  ${wire.origin}/api \n`;
    process.env.OPENMETADATA_JWT_TOKEN = ' jwt-from-process ';
    try {
      const client = OpenMetadata.fromEnv(undefined, { retry: 0, logger: QUIET_LOGGER });
      clients.push(client);
      await expect(client.serverVersion()).resolves.toMatchObject({ version: '1.6.2' });
      expect(wire.requests[0]?.headers.authorization).toBe('Bearer jwt-from-process');
    } finally {
      for (const [name, value] of [
        ['OPENMETADATA_HOST', saved.host],
        ['OPENMETADATA_JWT_TOKEN', saved.token],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  test('fromEnv falls back to the SDK 2.0 aliases when the main variables are unset or blank', async () => {
    wire.answer(() => ({ status: 200, body: { version: '1.6.2' } }));
    await fromEnv({
      OPENMETADATA_HOST: ' ',
      OPENMETADATA_SERVER_URL: wire.origin,
      OPENMETADATA_API_KEY: 'key-2',
    }).health();
    expect(wire.requests[0]?.rawTarget).toBe('/api/v1/system/version');
    expect(wire.requests[0]?.headers.authorization).toBe('Bearer key-2');
  });

  test('fromEnv with missing or bad variables is a ConfigError naming the variable and echoing no secret', () => {
    const good = { OPENMETADATA_HOST: 'http://127.0.0.1:1', OPENMETADATA_JWT_TOKEN: 'jwt' };
    expect(configErrorOf(() => fromEnv({})).field).toBe('OPENMETADATA_HOST');
    expect(configErrorOf(() => fromEnv({ OPENMETADATA_HOST: good.OPENMETADATA_HOST })).field).toBe(
      'OPENMETADATA_JWT_TOKEN',
    );
    for (const host of [
      'ftp://h',
      'not a url',
      'http://h?x=1',
      'http://h#f',
      'javascript:alert(1)',
      '//h',
      '',
    ]) {
      expect(configErrorOf(() => fromEnv({ ...good, OPENMETADATA_HOST: host })).field).toBe(
        'OPENMETADATA_HOST',
      );
    }
    const withPassword = configErrorOf(() =>
      fromEnv({ ...good, OPENMETADATA_HOST: 'http://admin:hunter2@h' }),
    );
    expect(JSON.stringify({ ...withPassword, message: withPassword.message })).not.toContain('hunter2');
    for (const token of ['abc\ndef-secret', 'abc\r\ndef-secret', 'abc\u0000def-secret']) {
      const error = configErrorOf(() => fromEnv({ ...good, OPENMETADATA_JWT_TOKEN: token }));
      expect(error.field).toBe('OPENMETADATA_JWT_TOKEN');
      expect(`${error.message} ${JSON.stringify(error)}`).not.toContain('def-secret');
    }
    const alias = configErrorOf(() =>
      fromEnv({ OPENMETADATA_SERVER_URL: 'ftp://h', OPENMETADATA_JWT_TOKEN: 'jwt' }),
    );
    expect(alias.field).toBe('OPENMETADATA_SERVER_URL');
  });

  test('fromEnv overrides win and the variables they replace are not read', async () => {
    wire.answer(() => ({ status: 200, body: table() }));
    const client = fromEnv(
      { OPENMETADATA_HOST: 'ftp://broken', OPENMETADATA_JWT_TOKEN: 'bad\ntoken' },
      { baseUrl: `${wire.origin}/api`, accessToken: 'override-token' },
    );
    await client.tables.getById(ID);
    expect(wire.requests[0]?.headers.authorization).toBe('Bearer override-token');
  });

  test('fromEnv reads only own variables (never a polluted Object.prototype) and refuses non-string values', () => {
    const prototype = Object.prototype as Record<string, unknown>;
    prototype.OPENMETADATA_HOST = 'http://attacker.example';
    prototype.OPENMETADATA_JWT_TOKEN = 'stolen';
    try {
      expect(configErrorOf(() => fromEnv({})).field).toBe('OPENMETADATA_HOST');
    } finally {
      delete prototype.OPENMETADATA_HOST;
      delete prototype.OPENMETADATA_JWT_TOKEN;
    }
    const numeric = { OPENMETADATA_HOST: 8585, OPENMETADATA_JWT_TOKEN: 'jwt' } as never;
    expect(configErrorOf(() => fromEnv(numeric)).field).toBe('OPENMETADATA_HOST');
    const objectToken = {
      OPENMETADATA_HOST: 'http://127.0.0.1:1',
      OPENMETADATA_JWT_TOKEN: { toString: () => 'x' },
    };
    expect(configErrorOf(() => fromEnv(objectToken as never)).field).toBe('OPENMETADATA_JWT_TOKEN');
  });

  test('options inherited from a polluted Object.prototype are ignored: no hard delete, no 404 as undefined', async () => {
    const client = new OpenMetadata({
      baseUrl: `${wire.origin}/api`,
      accessToken: 't',
      retry: 0,
      logger: QUIET_LOGGER,
    });
    clients.push(client);
    const polluted = {
      hardDelete: true,
      recursive: true,
      notFound: 'undefined',
      fields: ['owners'],
      pageSize: 0,
    };
    const prototype = Object.prototype as Record<string, unknown>;
    Object.assign(prototype, polluted, { limit: 5, validate: 'yes', id: ID });
    try {
      wire.answer(() => ({ status: 200, body: table() }));
      await client.tables.delete(ID);
      await client.tables.delete(ID, {});
      await client.tables.getById(ID);
      wire.answer((request) =>
        request.rawTarget.includes('?')
          ? { status: 200, body: { data: [table()], paging: { total: 1 } } }
          : { status: 404, body: { code: 404, message: 'gone' } },
      );
      await expect(client.tables.getByName('a')).rejects.toMatchObject({ statusCode: 404 });
      const walked: unknown[] = [];
      for await (const entity of client.tables.listAll({ database: 'db' })) walked.push(entity);
      expect(walked).toHaveLength(1);
      const withoutId = { name: 'x', columns: [] };
      await expect(
        client.tables.patchFrom(withoutId as never, { ...withoutId, name: 'y' } as never),
      ).rejects.toSatisfy(isConfigError);
    } finally {
      for (const key of [...Object.keys(polluted), 'limit', 'validate', 'id']) delete prototype[key];
    }
    expect(wire.requests.map((request) => `${request.method} ${request.rawTarget}`)).toEqual([
      `DELETE /api/v1/tables/${ID}`,
      `DELETE /api/v1/tables/${ID}`,
      `GET /api/v1/tables/${ID}`,
      'GET /api/v1/tables/name/a',
      'GET /api/v1/tables?database=db&limit=100',
    ]);
  });
});
