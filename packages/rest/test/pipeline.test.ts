import { createTestingTransport } from '@meta/transport/testing';
import { expect, test } from 'vitest';
import { createPipeline } from '../src/pipeline.js';
import { RequestHeaders } from '../src/request-headers.js';
import { resolveOptions } from '../src/resolve-options.js';
import { TokenState } from '../src/token-state.js';

function policyNamesFor(config: Record<string, unknown>): readonly string[] {
  const options = resolveOptions({
    baseUrl: 'https://metadata.test/api',
    transport: createTestingTransport(),
    ...config,
  });
  const tokens = new TokenState({
    provider: options.authToken,
    accessToken: options.accessToken,
    accessTokenExpiresAtMs: options.accessTokenExpiresAtMs,
    mode: options.authTokenMode,
    authHeader: options.authHeader,
    clock: options.clock,
    redactor: options.redactor,
  });
  const headers = new RequestHeaders({ defaults: {}, authHeader: options.authHeader, extraHeaders: [] });
  const closeSignal = new AbortController().signal;
  const parts = {
    options,
    transport: options.transport!,
    tokens,
    headers,
    closeSignal,
    isClosed: () => false,
  };
  return createPipeline(parts).policyNames;
}

test('the pipeline order is deadline, retry, logging, auth, headers, hooks, redirects, then the judgement', () => {
  const names = policyNamesFor({
    totalTimeoutMs: 60_000,
    logger: { debug: () => {} },
    authToken: () => ['token-1234', 3600],
    hooks: { afterResponse: () => {} },
    allowRedirects: true,
  });
  expect(names).toEqual([
    'deadline',
    'retry',
    'logging',
    'auth',
    'headers',
    'hooks',
    'redirect',
    'judgement',
  ]);
});

test('a client with the defaults composes only the policies it needs: retry, headers and the judgement', () => {
  expect(policyNamesFor({})).toEqual(['retry', 'headers', 'judgement']);
  expect(policyNamesFor({ accessToken: 'preset-token-1234' })).toEqual([
    'retry',
    'auth',
    'headers',
    'judgement',
  ]);
});
