import { type ConfigError, isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { createFetchTransport } from '../src/index.js';
import { createTestingTransport } from '../src/testing/index.js';
import { createUndiciTransport } from '../src/undici/index.js';

/** The ConfigError `build` threw; fails the test when it threw anything else or nothing. */
function configErrorFrom(build: () => unknown): ConfigError {
  let thrown: unknown;
  try {
    build();
  } catch (error) {
    thrown = error;
  }
  expect(isConfigError(thrown), `expected a ConfigError, got ${String(thrown)}`).toBe(true);
  return thrown as ConfigError;
}

const badOptions: Array<[string, () => unknown, string]> = [
  ['createFetchTransport with a string', () => createFetchTransport('fetch' as never), 'options'],
  [
    'createFetchTransport with an unknown option',
    () => createFetchTransport({ fech: fetch } as never),
    'fech',
  ],
  [
    'createFetchTransport with a fetch that is not a function',
    () => createFetchTransport({ fetch: 'x' as never }),
    'fetch',
  ],
  ['createUndiciTransport with an array', () => createUndiciTransport([] as never), 'options'],
  [
    'createUndiciTransport with a misspelt option',
    () => createUndiciTransport({ conections: 4 } as never),
    'conections',
  ],
  [
    'createUndiciTransport with a string allowH2',
    () => createUndiciTransport({ allowH2: 'yes' as never }),
    'allowH2',
  ],
  [
    'createUndiciTransport with a string rejectUnauthorized',
    () => createUndiciTransport({ rejectUnauthorized: 'false' as never }),
    'rejectUnauthorized',
  ],
  ['createUndiciTransport with a numeric ca', () => createUndiciTransport({ ca: 5 as never }), 'ca'],
  ['createUndiciTransport with an object cert', () => createUndiciTransport({ cert: {} as never }), 'cert'],
  ['createUndiciTransport with an empty key list', () => createUndiciTransport({ key: [] }), 'key'],
  [
    'createUndiciTransport with a numeric proxy',
    () => createUndiciTransport({ proxy: 3128 as never }),
    'proxy',
  ],
  [
    'createUndiciTransport with a dispatcher that cannot dispatch',
    () => createUndiciTransport({ dispatcher: {} as never }),
    'dispatcher',
  ],
  [
    'createUndiciTransport with text connections',
    () => createUndiciTransport({ connections: '4' as never }),
    'connections',
  ],
  [
    'createUndiciTransport with an infinite keepAliveTimeoutMs',
    () => createUndiciTransport({ keepAliveTimeoutMs: Number.POSITIVE_INFINITY }),
    'keepAliveTimeoutMs',
  ],
  ['createTestingTransport with a number', () => createTestingTransport(5 as never), 'options'],
  [
    'createTestingTransport with an unknown option',
    () => createTestingTransport({ handlr: () => ({}) } as never),
    'handlr',
  ],
  [
    'createTestingTransport with a script that is text',
    () => createTestingTransport({ script: 'ok' as never }),
    'script',
  ],
];

test.each(badOptions)('%s is a ConfigError naming the option, not a TypeError', (_name, build, field) => {
  expect(configErrorFrom(build).field).toBe(field);
});

test('a misspelt option is named in the message with the options that do exist', () => {
  const error = configErrorFrom(() => createUndiciTransport({ rejectUnauthorised: false } as never));
  expect(error.message).toContain('"rejectUnauthorised"');
  expect(error.message).toContain('rejectUnauthorized');
});

test('null and undefined options mean "no options" for every factory', async () => {
  const transports = [
    createFetchTransport(null),
    createFetchTransport(undefined),
    createUndiciTransport(null),
    createUndiciTransport({ allowH2: undefined, ca: undefined } as never),
    createTestingTransport(null),
  ];
  expect(transports.map((transport) => transport.name)).toEqual([
    'fetch',
    'fetch',
    'undici',
    'undici',
    'testing',
  ]);
  await Promise.all(transports.map((transport) => transport.close()));
});

test('the fetch transport with no fetch anywhere fails with a ConfigError naming "fetch"', async () => {
  const saved = globalThis.fetch;
  Reflect.deleteProperty(globalThis, 'fetch');
  try {
    const error = await createFetchTransport()
      .send({ method: 'GET', url: 'http://127.0.0.1/', headers: {} })
      .catch((caught: unknown) => caught);
    expect(isConfigError(error)).toBe(true);
    expect((error as ConfigError).field).toBe('fetch');
  } finally {
    globalThis.fetch = saved;
  }
});
