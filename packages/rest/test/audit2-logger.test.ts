/*
 * Round-2 audit, the logger as config (SPEC 3.1 logger, 3.7, 3.8 warnings): a logger is caller code read at
 * construction. A broken one is a ConfigError naming `logger` (like a throwing getter anywhere else in the
 * config), and one whose methods throw changes no outcome, the construction-time warnings included.
 */
import { isConfigError } from '@meta/errors';
import { createTestingTransport } from '@meta/transport/testing';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { configErrorOf } from './helpers/config-error.js';

test('a logger whose property lookups throw (a hostile Proxy) is a ConfigError naming logger, with the cause', () => {
  const trap = new Error('trap');
  const logger = new Proxy(
    {},
    {
      get() {
        throw trap;
      },
      getOwnPropertyDescriptor() {
        throw trap;
      },
    },
  );
  const error = configErrorOf(() => new REST({ baseUrl: 'https://metadata.test/api', logger }));
  expect(isConfigError(error) && error.field).toBe('logger');
  expect(error.cause).toBe(trap);
});

test('a logger whose warn throws still builds the client for a token over plain http and for verify: false', () => {
  const logger = {
    warn() {
      throw new Error('log sink down');
    },
  };
  const plainHttp = new REST({
    baseUrl: 'http://metadata.test/api',
    accessToken: 'token-over-http',
    logger,
    transport: createTestingTransport(() => ({ status: 200 })),
  });
  const insecure = new REST({ baseUrl: 'https://metadata.test/api', verify: false, logger });
  expect(plainHttp).toBeInstanceOf(REST);
  expect(insecure).toBeInstanceOf(REST);
  return Promise.all([plainHttp.close(), insecure.close()]);
});

test('verify: false and a token over plain http each warn once, through the logger, at construction', async () => {
  const lines: string[] = [];
  const client = new REST({
    baseUrl: 'http://metadata.test/api',
    accessToken: 'token-over-http',
    verify: false,
    logger: { warn: (message: string) => lines.push(message) },
  });
  expect(lines).toHaveLength(2);
  expect(lines.some((line) => line.includes('verify is false'))).toBe(true);
  expect(lines.some((line) => line.includes('plain http'))).toBe(true);
  expect(lines.join('\n')).not.toContain('token-over-http');
  await client.close();
});
