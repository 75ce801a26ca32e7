import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWorkerd, type WorkerdServer } from '../src/edge/start-workerd.js';
import { bundlePage } from '../src/pages/bundle-page.js';
import type { ErrorSummary } from '../src/scenarios/describe-error.js';
import type {
  RestScenarioName,
  RestScenarioOutcome,
  ScenarioTargets,
} from '../src/scenarios/rest-scenarios.js';
import { type ApiServer, startApiServer } from '../src/server/api-server.js';
import { reserveClosedOrigin } from '../src/server/loopback-server.js';

let api: ApiServer;
let workerd: WorkerdServer;
let targets: ScenarioTargets;

beforeAll(async () => {
  // workerd's own export conditions, as wrangler bundles for it.
  const worker = await bundlePage('edge/workerd-worker.ts', { conditions: ['workerd', 'worker'] });
  api = await startApiServer();
  targets = { baseUrl: api.baseUrl, closedBaseUrl: `${await reserveClosedOrigin()}/api` };
  workerd = await startWorkerd(worker);
}, 60_000);

afterAll(async () => {
  await workerd?.close();
  await api?.close();
});

/** Ask the worker to run one scenario and return its outcome; a scenario that threw fails the test with it. */
async function run<Name extends RestScenarioName>(name: Name): Promise<RestScenarioOutcome<Name>> {
  const query = new URLSearchParams({ scenario: name, ...targets });
  const response = await fetch(`${workerd.origin}/?${query}`);
  const body = (await response.json()) as { outcome?: RestScenarioOutcome<Name>; error?: ErrorSummary };
  if (body.error) throw new Error(`scenario ${name} threw in workerd: ${JSON.stringify(body.error)}`);
  return body.outcome as RestScenarioOutcome<Name>;
}

describe('REST with its default (fetch) transport in workerd, the Cloudflare Workers runtime', () => {
  test('lists by cursor, creates and patches', async () => {
    const listed = await run('list-paging');
    expect(listed.names.slice(0, 5)).toEqual(['customers', 'orders', 'payments', 'refunds', 'shipments']);
    const created = await run('create');
    expect(created.name).toBe(created.requested);
    const patched = await run('patch');
    expect(patched).toMatchObject({ description: 'One row per visit', version: 0.2 });
    const sent = api.requests.find((request) => request.method === 'PATCH');
    expect(sent?.contentType).toBe('application/json-patch+json');
  });

  test('404 and 409 are typed APIErrors', async () => {
    expect(await run('not-found')).toMatchObject({ name: 'APIError', isAPIError: true, statusCode: 404 });
    expect(await run('conflict')).toMatchObject({ name: 'APIError', isAPIError: true, statusCode: 409 });
  });

  test('a 503 is retried, then succeeds', async () => {
    expect(await run('retry-503')).toEqual({
      data: expect.objectContaining({ recovered: true }),
      retries: 1,
    });
  });

  test('an expired token is refreshed before the next request', async () => {
    expect(await run('token-refresh')).toEqual({
      providerCalls: 2,
      sent: ['Bearer browser-token-1', 'Bearer browser-token-2'],
    });
  });

  test('an abort rejects with the signal reason; a server that is gone is a NetworkError', async () => {
    expect(await run('abort')).toMatchObject({ rejected: true, sameReason: true });
    expect(await run('network-error')).toMatchObject({ name: 'NetworkError', isNetworkError: true });
  });
});
