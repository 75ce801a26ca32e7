import { type ConfigError, isConfigError } from '@meta/errors';
import { expect, test, vi } from 'vitest';
import { REST } from '../src/index.js';
import { configErrorOf } from './helpers/config-error.js';
import { jsonStep as json, routedTransport } from './helpers/testing-steps.js';

// Session 6 audit (SPEC 3.1, 3.2, 3.8): hostile inputs that escaped as bare errors or were accepted silently.

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.audit-secret';

function client(config: Record<string, unknown> = {}) {
  const transport = routedTransport(() => json(200, { ok: true }));
  return { transport, rest: new REST({ baseUrl: 'https://metadata.test/api', transport, ...config }) };
}

async function rejectionOf(call: Promise<unknown>): Promise<ConfigError> {
  const error = await call.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (isConfigError(error)) return error;
  throw new Error(`expected a ConfigError, got ${String(error)}`);
}

const throwingGetter = (key: string) =>
  Object.defineProperty({}, key, {
    enumerable: true,
    get() {
      throw new Error('getter exploded');
    },
  });

const throwingProxy = () =>
  new Proxy(
    {},
    {
      ownKeys() {
        throw new Error('trap exploded');
      },
    },
  );

test.each([
  ['DEL', '/tables/a\u007fb'],
  ['a C1 control character', '/tables/a\u0085b'],
  ['DEL in the path query', '/tables?q=a\u007f'],
])('a path with %s is a ConfigError naming path, and nothing is sent', async (_label, path) => {
  const { transport, rest } = client();
  const error = await rejectionOf(rest.get(path));
  expect(error.field).toBe('path');
  expect(error.message).toContain('control characters');
  expect(transport.sent).toHaveLength(0);
});

test.each([
  ['GET data with a throwing getter', 'data', (rest: REST) => rest.get('/a', throwingGetter('limit'))],
  ['GET data that is a throwing Proxy', 'data', (rest: REST) => rest.get('/a', throwingProxy())],
  [
    'a query option with a throwing getter',
    'query',
    (rest: REST) => rest.delete('/a', undefined, { query: throwingGetter('hardDelete') }),
  ],
  [
    'a query value that is an array Proxy whose get trap throws',
    'query',
    (rest: REST) =>
      rest.get('/a', undefined, {
        query: {
          fields: new Proxy([], {
            get() {
              throw new Error('trap exploded');
            },
          }),
        },
      }),
  ],
  [
    'a Proxy whose getPrototypeOf trap throws',
    'data',
    (rest: REST) =>
      rest.get(
        '/a',
        new Proxy(
          {},
          {
            getPrototypeOf() {
              throw new Error('trap exploded');
            },
          },
        ),
      ),
  ],
])('%s is a ConfigError naming %s (never a bare error), and nothing is sent', async (_label, field, call) => {
  const { transport, rest } = client();
  const error = await rejectionOf(call(rest));
  expect(error.field).toBe(field);
  expect(transport.sent).toHaveLength(0);
});

test('a call option whose getter throws is a ConfigError naming options.<key>, and nothing is sent', async () => {
  const { transport, rest } = client();
  const error = await rejectionOf(rest.get('/a', undefined, throwingGetter('timeoutMs') as never));
  expect(error.field).toBe('options.timeoutMs');
  expect(transport.sent).toHaveLength(0);
});

test('a config key whose getter throws is a ConfigError naming that key, with the thrown error as cause', () => {
  const config = Object.defineProperty({ baseUrl: 'https://metadata.test/api' }, 'retry', {
    enumerable: true,
    get() {
      throw new Error('getter exploded');
    },
  });
  const error = configErrorOf(() => new REST(config as never));
  expect(error.field).toBe('retry');
  expect((error.cause as Error).message).toBe('getter exploded');
});

test('a config that is a Proxy whose ownKeys trap throws is a ConfigError naming config', () => {
  const error = configErrorOf(() => new REST(throwingProxy() as never));
  expect(error.field).toBe('config');
});

test('a hook whose getter throws is a ConfigError naming hooks.beforeRequest', () => {
  const error = configErrorOf(
    () => new REST({ baseUrl: 'https://metadata.test/api', hooks: throwingGetter('beforeRequest') as never }),
  );
  expect(error.field).toBe('hooks.beforeRequest');
});

test('an extra header whose getter throws is a ConfigError naming extraHeaders.<name>', () => {
  const error = configErrorOf(() => client({ extraHeaders: throwingGetter('X-Team') }));
  expect(error.field).toBe('extraHeaders.X-Team');
});

test('a per-call header whose getter throws is a ConfigError naming headers.<name>, and nothing is sent', async () => {
  const { transport, rest } = client();
  const error = await rejectionOf(rest.get('/a', undefined, { headers: throwingGetter('X-Id') as never }));
  expect(error.field).toBe('headers.X-Id');
  expect(transport.sent).toHaveLength(0);
});

test.each(['Token', '', 'Bearer'])(
  'a token with authTokenMode %o to a non-loopback http URL warns once, never quoting the mode or the token',
  (authTokenMode) => {
    const warn = vi.fn();
    const transport = routedTransport(() => json(200, {}));
    // A token pasted into authTokenMode by mistake must not reach the log line either.
    const mode = authTokenMode === 'Token' ? `Token ${TOKEN}` : authTokenMode;
    new REST({
      baseUrl: 'http://metadata.test/api',
      accessToken: TOKEN,
      authTokenMode: mode,
      transport,
      logger: { warn },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    const line = String(warn.mock.calls[0]![0]);
    expect(line).toContain('a token is configured for http://metadata.test');
    expect(line).not.toContain(TOKEN);
  },
);

test('retryWait 1e308 (finite, but no wait anyone means) is refused with a message that states the real bound', () => {
  const error = configErrorOf(() => client({ retryWait: 1e308 }));
  expect(error.field).toBe('retryWait');
  expect(error.message).toContain('from 0 to 9007199254740');
  expect(() => client({ retryWait: 9_007_199_254_740 })).not.toThrow();
  expect(() => client({ retryWait: 0.25 })).not.toThrow();
});

test('a whole header line pasted as a header name never puts its value into the ConfigError', async () => {
  const pasted = `Authorization: Bearer ${TOKEN}`;
  const atConstruction = configErrorOf(() => client({ extraHeaders: { [pasted]: 'x' } }));
  const { rest, transport } = client();
  const perCall = await rejectionOf(rest.get('/tables', undefined, { headers: { [pasted]: 'x' } }));
  for (const error of [atConstruction, perCall]) {
    const everything = `${error.message} ${error.field} ${JSON.stringify(error)}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain('Bearer');
    expect(error.message).toContain('"Authorization..."');
  }
  expect(atConstruction.field).toBe('extraHeaders.Authorization...');
  expect(perCall.field).toBe('headers.Authorization...');
  expect(transport.sent).toHaveLength(0);
  await rest.close();
});
