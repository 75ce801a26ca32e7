/*
 * Round-3 README audit: behaviours the rest README states for a new user that no other test pins down. Each test
 * names the README sentence it holds to the code.
 */
import { isConfigError } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { jsonStep, routedTransport } from './helpers/testing-steps.js';

test('maxRedirects counts hops per attempt: a retry follows the chain anew', async () => {
  let answersAtTarget = 0;
  const transport = routedTransport((request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/a') return { status: 302, headers: { location: '/api/v1/b' }, body: '' };
    if (path === '/api/v1/b') return { status: 302, headers: { location: '/api/v1/c' }, body: '' };
    answersAtTarget++;
    return answersAtTarget === 1
      ? jsonStep(503, { code: 503, message: 'busy' })
      : jsonStep(200, { ok: true });
  });
  const client = new REST({
    baseUrl: 'https://om.test/api',
    transport,
    allowRedirects: true,
    maxRedirects: 2,
    sleep: async () => {},
    logger: {},
  });
  await expect(client.get('/a')).resolves.toEqual({ ok: true });
  expect(transport.sent.map((request) => new URL(request.url).pathname)).toEqual([
    '/api/v1/a',
    '/api/v1/b',
    '/api/v1/c',
    '/api/v1/a',
    '/api/v1/b',
    '/api/v1/c',
  ]);
  await client.close();
});

test.each([
  ['retries', 1],
  ['timeout', 5],
  ['json', {}],
  ['params', {}],
])(
  "Python's per-call %s is an unknown option: a ConfigError naming it, nothing sent",
  async (name, value) => {
    const transport = routedTransport(() => jsonStep(200, {}));
    const client = new REST({ baseUrl: 'https://om.test/api', transport });
    const error = await client
      .get('/tables', undefined, { [name]: value } as never)
      .catch((caught) => caught);
    expect(isConfigError(error) && error.field).toBe(`options.${name}`);
    expect(transport.sent).toHaveLength(0);
    await client.close();
  },
);
