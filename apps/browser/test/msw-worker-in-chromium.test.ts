import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../src/driver/launch-chromium.js';
import { bundlePage } from '../src/pages/bundle-page.js';
import type { MswSessionOutcome } from '../src/scenarios/msw-session.js';
import type { LoopbackServer } from '../src/server/loopback-server.js';
import { pageHtml, scriptAsset, startPageServer } from '../src/server/page-server.js';

// The worker script comes from the installed msw at test time, so it always matches the msw the page bundles
// (what `msw init` would copy; nothing to commit and keep in step).
const workerScript = readFileSync(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), 'utf8');

let pageServer: LoopbackServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  const script = await bundlePage('pages/msw-page.ts');
  pageServer = await startPageServer({
    '/': pageHtml('MSW worker', '/msw-page.js'),
    '/msw-page.js': scriptAsset(script),
    '/mockServiceWorker.js': scriptAsset(workerScript),
  });
  browser = await launchChromium();
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${pageServer.origin}/`);
  await page.waitForFunction(() => typeof window.runMswSession === 'function', undefined, {
    timeout: 30_000,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await pageServer?.close();
});

describe("the playground's MSW handlers in MSW's browser worker", () => {
  let outcome: MswSessionOutcome;

  beforeAll(async () => {
    outcome = await page.evaluate(() =>
      (window.runMswSession as NonNullable<Window['runMswSession']>)('/mockServiceWorker.js'),
    );
  }, 60_000);

  test('the session ran to the end with every request answered by the worker', () => {
    expect(outcome).not.toHaveProperty('failed');
    expect(outcome).toMatchObject({ controlled: true, unhandled: [] });
    expect(outcome.mocked).toBeGreaterThanOrEqual(5);
  });

  test('REST logs in through the mock and lists the seeded tables by cursor', () => {
    if ('failed' in outcome) throw new Error(JSON.stringify(outcome.failed));
    expect(outcome.logins).toBe(1);
    expect(outcome.listed).toEqual(expect.arrayContaining(['customers', 'orders', 'payments', 'refunds']));
    expect(outcome.pages).toBe(Math.ceil(outcome.listed.length / 2));
  });

  test('gets a table by name and creates one', () => {
    if ('failed' in outcome) throw new Error(JSON.stringify(outcome.failed));
    expect(outcome.orders.id).toBe(outcome.orders.expectedId);
    expect(outcome.created).toMatch(/\.page_views$/);
  });

  test('a missing table is a typed 404 APIError', () => {
    if ('failed' in outcome) throw new Error(JSON.stringify(outcome.failed));
    expect(outcome.missing).toMatchObject({ name: 'APIError', isAPIError: true, statusCode: 404 });
  });

  test('the page threw no uncaught error', () => {
    expect(pageErrors).toEqual([]);
  });
});
