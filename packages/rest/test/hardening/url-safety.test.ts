import { type ConfigError, isConfigError } from '@meta/errors';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REST } from '../../src/index.js';
import { jsonStep as json, routedTransport } from '../helpers/testing-steps.js';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './clients.js';
import { type FaultServer, startFaultServer } from './fault-server.js';

const BASE = 'https://metadata.test:8585/root/api';
const ORIGIN = 'https://metadata.test:8585';
const PREFIX = '/root/api/v1';

/** Fragments that have broken URL joining in real clients: schemes, authorities, separators, dot-segments. */
const HOSTILE_FRAGMENTS = [
  '/',
  '//',
  '\\',
  '\\\\',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2e%2e',
  '.%2e',
  '%2e.',
  '%2f',
  '%2F',
  '%5c',
  '%5C',
  '%00',
  '%0d%0a',
  ':',
  '@',
  '?',
  '#',
  '&',
  '=',
  ';',
  ' ',
  '\t',
  '\n',
  '\r',
  '\0',
  '\u000b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\ufeff',
  '\uff0e',
  '\u3002',
  'é',
  '💥',
  '%',
  '%%',
  '%zz',
  'http:',
  'https:',
  'HTTP:',
  'file:',
  'javascript:',
  'http://evil.test',
  '//evil.test',
  'evil.test',
  'evil.test:1',
  '127.0.0.1',
  '[::1]',
  'user:pw@',
  'tables',
  'name',
  'v1',
  'api',
  '..;',
  '.../',
  '/./',
  '/../',
  '\\..\\',
  '?x=/../..',
  '#/../',
  '~',
  '$',
];

const hostilePath = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .array(fc.constantFrom(...HOSTILE_FRAGMENTS), { maxLength: 8 })
      .map((parts) => parts.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.webUrl().map((url) => url) },
  { weight: 1, arbitrary: fc.webPath() },
);

/** The checks every sent URL must pass, on the raw string (undici sends it as is) and as the WHATWG parser reads it. */
function expectConfined(url: string): void {
  const base = `${ORIGIN}${PREFIX}`;
  expect(url === base || url.startsWith(`${base}/`) || url.startsWith(`${base}?`)).toBe(true);
  // No raw byte a server or proxy could read as a separator, a new line or the end of the request target.
  expect(/[\u0000-\u0020\u007f\\#]/.test(url)).toBe(false);
  const parsed = new URL(url);
  expect(parsed.origin).toBe(ORIGIN);
  expect(parsed.username + parsed.password).toBe('');
  expect(parsed.pathname === PREFIX || parsed.pathname.startsWith(`${PREFIX}/`)).toBe(true);
}

test('property: for 12,000 hostile paths the request stays on the base origin under /api/<version>, or the call throws ConfigError naming the path', async () => {
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({ baseUrl: BASE, transport, retry: 0 });
  let rejected = 0;
  await fc.assert(
    fc.asyncProperty(hostilePath, async (path) => {
      const sentBefore = transport.sent.length;
      try {
        await rest.get(path);
      } catch (error) {
        expect(isConfigError(error)).toBe(true);
        expect((error as ConfigError).field).toBe('path');
        expect(transport.sent.length).toBe(sentBefore);
        rejected++;
        return;
      }
      expect(transport.sent.length).toBe(sentBefore + 1);
      expectConfined(transport.sent.at(-1)!.url);
    }),
    { numRuns: 12_000, seed: 20261124 },
  );
  // Both outcomes occur, so neither branch is vacuous.
  expect(rejected).toBeGreaterThan(1000);
  expect(transport.sent.length).toBeGreaterThan(1000);
  await rest.close();
});

test.each([
  'http://evil.test/x',
  'https:evil.test',
  '//evil.test/x',
  '\\\\evil.test\\x',
  '/\\evil.test',
  'javascript:alert(1)',
  '/..',
  '/../../admin',
  '/tables/%2e%2e/%2E%2E/admin',
  '/tables/.%2e/x',
  '/./x',
  '/tables\t/x',
  '/tables\n/x',
  '/tables\r\nHost: evil.test',
  '/tables\u0000',
  '/tables#frag',
  'HTTP://evil.test',
  // Dot-segments with path parameters: Tomcat, Jetty and Spring strip ";..." before resolving dot-segments.
  '/tables/..;/..;/..;/admin/users',
  '/tables/%2e%2e;jsessionid=x/admin',
  '/tables/.;x/y',
  '/tables/..%3b/admin',
  '/tables/%2E%2E%3Bfoo/x',
  '/tables/..;a=b;c=d',
])('the hostile path %j is a ConfigError naming "path", before anything is sent', async (path) => {
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({ baseUrl: BASE, transport });
  const error = (await rejectionOf(rest.get(path))) as ConfigError;
  expect(isConfigError(error)).toBe(true);
  expect(error.field).toBe('path');
  expect(transport.sent).toHaveLength(0);
});

let target: FaultServer;
let evil: FaultServer;

beforeAll(async () => {
  [target, evil] = await Promise.all([startFaultServer(), startFaultServer()]);
});

afterAll(async () => {
  await Promise.all([target.close(), evil.close()]);
});

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  test('on the wire, hostile paths reach only the base origin under /api/v1 and the evil listener sees nothing', async () => {
    target.reset();
    const rest = createClient(kind, { baseUrl: `${target.origin}/api`, retry: 0 });
    const evilHost = `127.0.0.1:${evil.port}`;
    const paths = [
      `/tables/${evilHost}`,
      `/tables/@${evilHost}`,
      `/tables?next=http://${evilHost}/`,
      '/tables/%2e%2e%2fadmin',
      '/tables/a%2F..%2Fb',
      '/tables/..%5cadmin',
      `:${evil.port}/x`,
      `@${evilHost}/x`,
      '/tables/é',
    ];
    for (const path of paths) {
      try {
        await rest.get(path);
      } catch (error) {
        expect(isConfigError(error)).toBe(true);
      }
    }
    await rest.close();
    expect(evil.connections).toBe(0);
    expect(target.requests.length).toBeGreaterThan(0);
    for (const request of target.requests) expect(request.path.startsWith('/api/v1/')).toBe(true);
  });
});

test('segments with path parameters that are not dot-segments are still sent (";" is legal in a path)', async () => {
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({ baseUrl: BASE, transport });
  await rest.get('/tables/a;b=c/...;x/x..;y');
  expect(transport.sent[0]!.url).toBe(`${ORIGIN}${PREFIX}/tables/a;b=c/...;x/x..;y`);
});
