import { type APIError, type ConfigError, isConfigError } from '@meta/errors';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { headerOf, jsonStep as json, routedTransport } from './helpers/testing-steps.js';

// One seed, so the gate is deterministic; `FUZZ_SEED=<n>` explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 1) });

// Property-based fuzzing of SPEC 3.4 and 3.8 (headers): merge order, single-pass templates, CR/LF/NUL refusal
// and sensitivity that follows a template. fast-check prints the seed of any failure.

const BASE = 'https://metadata.test/api';

function client(config: Record<string, unknown> = {}, status = 200) {
  const transport = routedTransport(() => json(status, { message: 'no' }));
  const rest = new REST({ baseUrl: BASE, transport, retry: 0, ...config });
  return { transport, rest };
}

/** A name spelled with a random case mix. */
const spelled = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

const NAMES = ['x-a', 'x-b', 'accept', 'user-agent', 'authorization'];
const headerEntry = fc.tuple(
  fc.constantFrom(...NAMES).chain(spelled),
  fc.oneof(fc.string({ unit: fc.constantFrom(...'abc 123-/='), maxLength: 8 }), fc.integer(), fc.boolean()),
);

test('property: defaults, auth, per-call, extra headers merge last-wins, names compared case-insensitively', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(headerEntry, { maxLength: 6 }),
      fc.array(headerEntry, { maxLength: 4 }),
      async (call, extra) => {
        const extraHeaders = Object.fromEntries(
          extra.map(([name, value]) => [name, String(value).replaceAll('%', '')]),
        );
        const callHeaders = Object.fromEntries(call);
        const { transport, rest } = client({ accessToken: 'token-abcdef', extraHeaders });
        await rest.get('/tables', undefined, { headers: callHeaders });
        const expected = new Map<string, string>([['authorization', 'Bearer token-abcdef']]);
        for (const [name, value] of Object.entries(callHeaders))
          expected.set(name.toLowerCase(), String(value));
        for (const [name, value] of Object.entries(extraHeaders)) expected.set(name.toLowerCase(), value);
        const sent = transport.sent[0]!;
        const names = Object.keys(sent.headers).map((name) => name.toLowerCase());
        expect(new Set(names).size).toBe(names.length);
        for (const [name, value] of expected) expect(headerOf(sent, name)).toBe(value);
      },
    ),
    { numRuns: 400 },
  );
});

/** What single-pass expansion gives: `%%` -> `%`, `%(Name)s` -> the value, nothing substituted is read again. */
function expand(template: string, values: Record<string, string>): string {
  return template.replace(/%%|%\(([^)]*)\)s/g, (_match, name: string | undefined) =>
    name === undefined ? '%' : values[name.toLowerCase()]!,
  );
}

const templatePiece = fc.constantFrom(
  'a',
  ' ',
  '%%',
  '%(X-Src)s',
  '%(x-src)s',
  '%(X-OTHER)s',
  '/',
  '(',
  ')s',
  's',
);
const sourceValue = fc
  .array(fc.constantFrom('v', '%', '%%', '%(X-Src)s', '%(X-Other)s', '%(X-Copy)s', ')', 's'), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));

test('property: templates expand in a single pass: %% is %, a substituted value is never expanded again', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(templatePiece, { maxLength: 8 }),
      sourceValue,
      sourceValue,
      async (pieces, src, other) => {
        const template = pieces.join('');
        const { transport, rest } = client({ extraHeaders: { 'X-Copy': template } });
        await rest.get('/tables', undefined, {
          headers: { 'X-Src': src, 'x-other': other, 'X-Copy': 'per-call' },
        });
        const expected = expand(template, { 'x-src': src, 'x-other': other });
        expect(headerOf(transport.sent[0], 'x-copy')).toBe(expected);
      },
    ),
    { numRuns: 600 },
  );
});

const secretText = fc.string({ unit: fc.constantFrom(...'SECRTsecrt0123'), minLength: 6, maxLength: 12 });
const breaker = fc.constantFrom('\r', '\n', '\0', '\r\n');

test('property: CR, LF or NUL in a per-call or extra header value or name is refused before I/O, and the error never holds what follows', async () => {
  await fc.assert(
    fc.asyncProperty(
      secretText,
      breaker,
      fc.constantFrom('value', 'name'),
      fc.constantFrom('headers', 'extraHeaders'),
      async (secret, bad, where, field) => {
        const name = where === 'name' ? `X-Id${bad}Cookie:${secret}` : 'X-Id';
        const value = where === 'value' ? `ok${bad}Injected: ${secret}` : 'ok';
        const headers = { [name]: value };
        let error: unknown;
        let sent = 0;
        try {
          const { transport, rest } = client(field === 'extraHeaders' ? { extraHeaders: headers } : {});
          await rest.get('/tables', undefined, field === 'headers' ? { headers } : {}).finally(() => {
            sent = transport.sent.length;
          });
        } catch (caught) {
          error = caught;
        }
        expect(isConfigError(error), String(error)).toBe(true);
        expect(sent).toBe(0);
        const configError = error as ConfigError;
        expect(configError.field.startsWith(`${field}.X-Id`)).toBe(true);
        for (const text of [configError.message, configError.field, JSON.stringify(configError)]) {
          expect(text).not.toContain(secret);
          expect(/[\r\n\0]/.test(text)).toBe(false);
        }
      },
    ),
    {
      numRuns: 300,
      // A pasted `Cookie:sid=...` line with no space after the colon was named whole, value included.
      examples: [['SECRET', '\r\n', 'name', 'headers']],
    },
  );
});

test('property: a header templated from a sensitive header is masked in the APIError, whatever the names case', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('cookie', 'x-api-key', 'x-session-id').chain(spelled),
      fc.constantFrom('X-Copy', 'X-Forward').chain(spelled),
      secretText,
      async (source, copy, secret) => {
        const { rest } = client({ extraHeaders: { [copy]: `pre %(${source})s` } }, 500);
        const error = (await rest
          .get('/tables', undefined, { headers: { [source]: secret } })
          .catch((e) => e)) as APIError;
        expect(error.statusCode).toBe(500);
        expect(JSON.stringify(error.request)).not.toContain(secret);
        expect(JSON.stringify(error)).not.toContain(secret);
      },
    ),
    { numRuns: 200 },
  );
});

test('property: a template naming an Object.prototype member reads own headers only: absent means a ConfigError naming it', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc
        .constantFrom('toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf')
        .chain(spelled),
      fc.boolean(),
      async (member, present) => {
        const { transport, rest } = client({ extraHeaders: { 'X-Copy': `[%(${member})s]` } });
        const call = rest.get('/tables', undefined, present ? { headers: { [member]: 'own' } } : {});
        if (present) {
          await call;
          expect(headerOf(transport.sent[0], 'x-copy')).toBe('[own]');
          return;
        }
        const error = await call.catch((caught: unknown) => caught);
        expect(isConfigError(error) && error.field).toBe('extraHeaders.X-Copy');
        expect(String((error as Error).message)).not.toContain('function');
        expect(transport.sent).toHaveLength(0);
      },
    ),
    { numRuns: 100 },
  );
});

const TEMPLATE_PIECES = [
  '%',
  '%%',
  '(',
  ')',
  's',
  '%(',
  ')s',
  'X-A',
  'S3CR3T',
  ' ',
  '%(X-A)s',
  '%(S3CR3T x)s',
  '%(a:b)s',
];

test('property: any extra-header template compiles (only %% and %(token)s) or is a ConfigError naming the header, never quoting its value', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...TEMPLATE_PIECES), { maxLength: 8 }), (pieces) => {
      const template = pieces.join('');
      // What a valid template is: every `%` starts `%%` or `%(<token>)s`.
      const valid = /^(?:[^%]|%%|%\([!#$%&'*+.^_`|~\w-]+\)s)*$/.test(template);
      let error: unknown;
      try {
        new REST({
          baseUrl: BASE,
          transport: routedTransport(() => json(200, {})),
          extraHeaders: { 'X-T': template },
        });
      } catch (caught) {
        error = caught;
      }
      expect(error === undefined, `${JSON.stringify(template)}: ${String(error)}`).toBe(valid);
      if (error === undefined) return;
      expect(isConfigError(error) && error.field).toBe('extraHeaders.X-T');
      expect(String((error as Error).message)).not.toContain('S3CR3T');
    }),
    { numRuns: 3000 },
  );
});
