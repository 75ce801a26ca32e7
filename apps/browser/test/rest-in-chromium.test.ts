import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../src/driver/launch-chromium.js';
import { bundlePage } from '../src/pages/bundle-page.js';
import type {
  RestScenarioName,
  RestScenarioOutcome,
  ScenarioTargets,
} from '../src/scenarios/rest-scenarios.js';
import { type ApiServer, startApiServer } from '../src/server/api-server.js';
import type { LoopbackServer } from '../src/server/loopback-server.js';
import { reserveClosedOrigin } from '../src/server/loopback-server.js';
import { pageHtml, scriptAsset, startPageServer } from '../src/server/page-server.js';

const SEED_NAMES = ['customers', 'orders', 'payments', 'refunds', 'shipments'];

let pageServer: LoopbackServer;
let api: ApiServer;
let browser: Browser;
let page: Page;
let targets: ScenarioTargets;
const pageErrors: string[] = [];

beforeAll(async () => {
  const script = await bundlePage('pages/rest-page.ts');
  pageServer = await startPageServer({
    '/': pageHtml('REST in Chromium', '/rest-page.js'),
    '/rest-page.js': scriptAsset(script),
  });
  api = await startApiServer({ allowedOrigin: pageServer.origin });
  targets = { baseUrl: api.baseUrl, closedBaseUrl: `${await reserveClosedOrigin()}/api` };
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${pageServer.origin}/`);
  await page.waitForFunction(() => typeof window.runRestScenario === 'function', undefined, {
    timeout: 30_000,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await api?.close();
  await pageServer?.close();
});

/** Run one scenario inside the page and return what it reported. */
function run<Name extends RestScenarioName>(name: Name): Promise<RestScenarioOutcome<Name>> {
  return page.evaluate(
    ([scenario, where]) =>
      (window.runRestScenario as NonNullable<Window['runRestScenario']>)(scenario, where),
    [name, targets] as const,
  ) as Promise<RestScenarioOutcome<Name>>;
}

describe('REST with its default (fetch) transport in headless Chromium, across origins', () => {
  test('lists every table by following paging cursors', async () => {
    const outcome = await run('list-paging');
    expect(outcome.names.slice(0, SEED_NAMES.length)).toEqual(SEED_NAMES);
    expect(outcome.pages).toBe(Math.ceil(outcome.names.length / 2));
    expect(new Set(outcome.names).size).toBe(outcome.names.length);
  });

  test('POSTs a JSON body and returns the created entity', async () => {
    const outcome = await run('create');
    expect(outcome.name).toBe(outcome.requested);
    expect(outcome.description).toBe('Views per page');
    expect(outcome.id).toMatch(/^[0-9a-f-]{36}$/);
    const sent = api.requests.find((request) => request.method === 'POST');
    expect(sent?.contentType).toBe('application/json');
  });

  test('PATCHes with application/json-patch+json after a CORS preflight for content-type', async () => {
    const outcome = await run('patch');
    expect(outcome.description).toBe('One row per visit');
    expect(outcome.version).toBe(0.2);
    const path = `/api/v1/tables/${outcome.id}`;
    const preflight = api.preflights.find((record) => record.path === path);
    expect(preflight).toMatchObject({ method: 'PATCH' });
    expect(preflight?.requestHeaders).toContain('content-type');
    const sent = api.requests.find((request) => request.method === 'PATCH' && request.path === path);
    expect(sent?.contentType).toBe('application/json-patch+json');
  });

  test('a 404 is a typed APIError with the status and the body message', async () => {
    const outcome = await run('not-found');
    expect(outcome).toMatchObject({ name: 'APIError', isAPIError: true, statusCode: 404, code: 404 });
    expect(outcome.message).toBe('table instance for loopback.shop.public.missing not found');
  });

  test('a 409 is a typed APIError', async () => {
    const outcome = await run('conflict');
    expect(outcome).toMatchObject({ name: 'APIError', isAPIError: true, statusCode: 409 });
    expect(outcome.message).toBe('Entity already exists');
  });

  test('a 503 is retried after the exposed Retry-After, then succeeds', async () => {
    const outcome = await run('retry-503');
    expect(outcome).toEqual({ data: expect.objectContaining({ recovered: true }), retries: 1 });
  });

  test('an expired token is refreshed: the provider is called again and the new token is sent', async () => {
    const outcome = await run('token-refresh');
    expect(outcome).toEqual({ providerCalls: 2, sent: ['Bearer browser-token-1', 'Bearer browser-token-2'] });
    const preflight = api.preflights.find((record) => record.path === '/api/v1/whoami');
    expect(preflight?.requestHeaders).toContain('authorization');
  });

  test('an abort rejects the call with the signal reason itself', async () => {
    const outcome = await run('abort');
    expect(outcome).toMatchObject({ rejected: true, sameReason: true });
    expect(outcome.error?.message).toBe('the user left the page');
  });

  test('a server that is gone is a NetworkError, not a bare TypeError', async () => {
    const outcome = await run('network-error');
    expect(outcome).toMatchObject({ name: 'NetworkError', isNetworkError: true, isMetaError: true });
  });

  test('the page threw no uncaught error', () => {
    expect(pageErrors).toEqual([]);
  });
});
