import { inspect } from 'node:util';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { APIError, createRedactor, NetworkError } from '../src/index.js';

// One seed, so the gate is deterministic; `FUZZ_SEED=<n>` explores others.
fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED ?? 1) });

// Property-based fuzzing of SPEC 5 (one redaction policy): a secret never survives in a message, `toJSON`,
// `util.inspect`, the stored request and response, whatever alphabet it is drawn from and whichever spelling
// it travels in (as is, percent-encoded, form-encoded, JSON-escaped in a body a server echoes).

const token = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'ABCxyz0189-_'), minLength: 8, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'ABCxyz0189+/='), minLength: 8, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...'ab.*+?()[]{}|^$\\'), minLength: 8, maxLength: 20 }),
  fc.string({ unit: fc.constantFrom(...'ab"\\/é€😀 '), minLength: 8, maxLength: 20 }),
);

/** How a server or a URL may carry the token. */
const SPELLINGS = {
  raw: (secret: string) => secret,
  percent: (secret: string) => encodeURIComponent(secret),
  percentLower: (secret: string) =>
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
  form: (secret: string) => new URLSearchParams([['', secret]]).toString().slice(1),
  json: (secret: string) => JSON.stringify(secret).slice(1, -1),
  jsonSlash: (secret: string) => JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
};
type Spelling = keyof typeof SPELLINGS;
const spelling = fc.constantFrom(...(Object.keys(SPELLINGS) as Spelling[]));

/** Every string reachable from a value (own enumerable properties, depth-first). */
function strings(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'object' && value !== null)
    for (const item of Object.values(value)) strings(item, into);
  return into;
}

function expectNoSpelling(texts: readonly string[], secret: string, context: string): void {
  for (const text of texts) {
    for (const [name, spell] of Object.entries(SPELLINGS)) {
      expect(
        text.includes(spell(secret)),
        `${name} spelling of ${JSON.stringify(secret)} in ${context}`,
      ).toBe(false);
    }
  }
}

test('property: a known token never survives in an APIError, whatever its alphabet and its spelling', () => {
  fc.assert(
    fc.property(
      token,
      spelling,
      fc.constantFrom('query', 'userinfo', 'other-query'),
      (secret, how, where) => {
        const carried = SPELLINGS[how](secret);
        const encoded = encodeURIComponent(secret);
        const url = {
          query: `https://h.test/api/v1/x?token=${encoded}`,
          userinfo: `https://u:${encoded}@h.test/api/v1/x`,
          'other-query': `https://h.test/api/v1/x?q=${encoded}`,
        }[where];
        // A text/plain body quoting the token (a body that is not JSON is kept as a snippet, not parsed).
        const body = `denied: ${carried} (${carried})`;
        const error = new APIError(
          { message: `bad token ${carried}` },
          {
            secrets: [secret],
            request: {
              method: 'GET',
              url,
              headers: { Authorization: `Bearer ${secret}`, 'X-Echo': carried },
            },
            response: { status: 401, headers: { 'content-type': 'text/plain', 'x-echo': carried }, body },
          },
        );
        const texts = [
          error.message,
          error.stack ?? '',
          ...strings(error.toJSON()),
          ...strings(error.request),
        ];
        texts.push(...strings(error.response));
        // inspect() escapes quotes and backslashes itself, which could spell a different token by coincidence.
        if (!/["'\\]/.test(secret)) texts.push(inspect(error, { depth: 8 }));
        expectNoSpelling(texts, secret, `${how}/${where}`);
      },
    ),
    {
      numRuns: 3000,
      // A PHP server echoes `a/b` as `a\/b`, and any server escapes `"` and `\` inside a JSON string: both were
      // kept in the body snippet before JSON spellings were masked.
      examples: [
        ['aaaaaa/a', 'jsonSlash', 'query'],
        ['ab"cd\\ef', 'json', 'query'],
      ],
    },
  );
});

/** `name` with a random mix of upper case and percent-encoded characters (`%74oKen`). */
const disguised = (name: string) =>
  fc
    .array(fc.integer({ min: 0, max: 2 }), { minLength: name.length, maxLength: name.length })
    .map((modes) =>
      [...name]
        .map(
          (c, i) =>
            [c, c.toUpperCase(), `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`][
              modes[i]!
            ],
        )
        .join(''),
    );

test('property: sensitive query parameters are masked in any case and percent-encoded spelling, in URLs and in text', () => {
  const redactor = createRedactor();
  fc.assert(
    fc.property(
      fc
        .constantFrom('token', 'access_token', 'client_secret', 'password', 'api_key', 'signature')
        .chain(disguised),
      fc.string({ unit: fc.constantFrom(...'abcXYZ019-_.~'), minLength: 6, maxLength: 20 }),
      fc.constantFrom('?', '?a=1&', '?a=1;', '#'),
      (name, value, before) => {
        const url = `https://h.test/api/v1/x${before}${name}=${value}&b=2`;
        for (const out of [redactor.url(url), redactor.text(`GET ${url} failed`)]) {
          expect(out.includes(value), `${url} -> ${out}`).toBe(false);
          expect(out).toContain('b=2');
        }
      },
    ),
    { numRuns: 4000 },
  );
});

test('property: a secret straddling the 64 KiB snippet cut keeps no piece of itself', () => {
  fc.assert(
    fc.property(token, fc.integer({ min: -50, max: 10 }), (secret, offset) => {
      const padding = 'x'.repeat(64 * 1024 + offset - Math.floor(secret.length / 2));
      const error = new APIError(undefined, {
        secrets: [secret],
        request: { method: 'GET', url: 'https://h.test/x' },
        response: {
          status: 500,
          headers: { 'content-type': 'text/plain' },
          body: `${padding}${secret}${'y'.repeat(100)}`,
        },
      });
      const kept = String(error.response?.body);
      const half = secret.slice(0, Math.ceil(secret.length / 2));
      expect(kept.includes(`${'x'.repeat(20)}${half}`)).toBe(false);
    }),
    { numRuns: 200 },
  );
});

test('hostile megabytes (token=, %, Bearer, @, ://, quoted pairs) are redacted in linear time', () => {
  const redactor = createRedactor({ secrets: ['abcdefgh', 'a/b+c=d"e\\f'] });
  const units = [
    'token=',
    '%',
    'Bearer ',
    '@',
    '://',
    '"token":"',
    '=',
    'a=',
    '%74oken=',
    'token=a&',
    ';token=',
  ];
  for (const unit of units) {
    const text = unit.repeat(Math.ceil((1 << 21) / unit.length));
    const started = performance.now();
    redactor.text(text);
    redactor.url(`https://h.test/x?${text}`);
    new NetworkError({
      code: 'ECONNRESET',
      method: 'GET',
      url: `https://h.test/?${text}`,
      cause: new Error(text),
    });
    // Generous: 2 MB takes tens of ms; a quadratic scan of it takes minutes.
    expect(performance.now() - started, JSON.stringify(unit)).toBeLessThan(10_000);
  }
});
