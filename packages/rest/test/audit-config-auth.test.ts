import { inspect } from 'node:util';
import { type AuthProviderError, isAuthProviderError } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { jsonStep as json, routedTransport } from './helpers/testing-steps.js';

// Session 6 audit (SPEC 3.3, 5): what an auth provider's failure may reveal.

const FIRST_TOKEN = 'first-token-4f8a2c91';

test('a provider failure that quotes the token it could not renew never shows that token', async () => {
  let calls = 0;
  let now = 1_800_000_000_000;
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    clock: () => now,
    authToken: () => {
      calls += 1;
      if (calls === 1) return [FIRST_TOKEN, 10];
      throw new Error(`identity provider refused to renew ${FIRST_TOKEN}`);
    },
  });
  await rest.get('/a');
  now += 60_000;
  const error = (await rest.get('/a').then(
    () => undefined,
    (reason: unknown) => reason,
  )) as AuthProviderError;
  expect(isAuthProviderError(error)).toBe(true);
  // The cause is the caller's own object, kept as thrown; every rendering of the error goes through the redactor.
  expect((error.cause as Error).message).toContain(FIRST_TOKEN);
  const rendered = `${error.message}${JSON.stringify(error)}${inspect(error, { depth: 10 })}`;
  expect(rendered).toContain('identity provider refused to renew ****');
  expect(rendered).not.toContain(FIRST_TOKEN);
  expect(transport.sent).toHaveLength(1);
});
