import { inspect } from 'node:util';
import type { APIError } from '@meta/errors';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { routedTransport } from './helpers/testing-steps.js';

// One seed, so the gate is deterministic; `FUZZ_SEED=<n>` explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 1) });

// SPEC 5 end to end: a server that echoes the access token back (as is, percent-encoded, form-encoded, or
// JSON-escaped inside a string, `\/` included) never gets it into the APIError, its message and stack, or any
// log line, whatever the body's label and whatever alphabet the token is drawn from.

const token = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ABCxyz0189-_'), minLength: 8, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'ABCxyz0189+/='), minLength: 8, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'ab.*+?()[]|^$/"\\'), minLength: 8, maxLength: 20 }),
);

function spellings(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const form = new URLSearchParams([['', secret]]).toString().slice(1);
  return [secret, encodeURIComponent(secret), form, json, json.replaceAll('/', '\\/')];
}

/** Every string reachable from a value (own enumerable properties, depth-first). */
function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) strings(item, into);
  return into;
}

test('property: a token the server echoes in any spelling and under any label never reaches the error or the logs', async () => {
  await fc.assert(
    fc.asyncProperty(
      token,
      fc.constantFrom('text/plain', 'application/json', 'text/html', ''),
      async (secret, label) => {
        const echoed = spellings(secret);
        const body =
          label === 'application/json'
            ? JSON.stringify({ message: `bad ${secret}`, echo: echoed.join(' ') })
            : `echo ${echoed.join(' | ')}`;
        const headers: Record<string, string> = { 'x-echo': echoed[1]! };
        if (label !== '') headers['content-type'] = label;
        const transport = routedTransport(() => ({ status: 500, headers, body }));
        const logs: string[] = [];
        const log = (...args: unknown[]) => logs.push(inspect(args, { depth: 8 }));
        const logger = { debug: log, info: log, warn: log, error: log };
        const rest = new REST({
          baseUrl: 'https://metadata.test/api',
          transport,
          retry: 1,
          retryWait: 0,
          retryCodes: [500],
          accessToken: secret,
          logger,
        });
        const error = (await rest
          .get('/tables', { q: secret })
          .catch((caught: unknown) => caught)) as APIError;
        expect(error.statusCode).toBe(500);
        // String leaves, not JSON text: serialising escapes `"` and `\` again and would hide a JSON-escaped echo.
        const texts = [
          ...strings(error.toJSON()),
          ...strings(error.response),
          error.message,
          error.stack ?? '',
          ...logs,
        ];
        for (const text of texts) {
          for (const spelled of echoed)
            expect(text.includes(spelled), `${JSON.stringify(spelled)} in ${text}`).toBe(false);
        }
      },
    ),
    { numRuns: 300, examples: [['ab/cd+ef="gh\\ij', 'text/plain']] },
  );
});
