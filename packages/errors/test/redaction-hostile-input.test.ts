/** The redactor sits on error paths: whatever odd input it is handed, it must answer, never throw. */
import { expect, test } from 'vitest';
import { APIError, ConfigError, createRedactor, NetworkError, type Redactor } from '../src/index.js';

const redactor: Redactor = createRedactor({ secrets: ['hostile-secret'] });
const unprintable = Object.create(null) as object;
const throwingToString = {
  toString() {
    throw new Error('no');
  },
};
const throwingProxy = new Proxy(
  {},
  {
    get() {
      throw new Error('get');
    },
    ownKeys() {
      throw new Error('ownKeys');
    },
    getPrototypeOf() {
      throw new Error('getPrototypeOf');
    },
  },
);

const weirdHeaders: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 42],
  ['a string', 'Authorization: Bearer x'],
  ['a symbol', Symbol('h')],
  ['a null-prototype record', Object.assign(Object.create(null), { authorization: 'Bearer x' })],
  ['values that cannot be printed', { a: unprintable, b: throwingToString, c: Symbol('v'), d: 1n }],
  [
    'a getter that throws',
    Object.defineProperty({ ok: '1' }, 'bad', {
      get: () => {
        throw new Error('getter');
      },
      enumerable: true,
    }),
  ],
  ['a proxy that throws on every trap', throwingProxy],
  ['pairs with holes and junk', [null, 5, ['x-ok', 'yes'], [unprintable, throwingToString], []]],
  [
    'a forEach that throws half-way',
    {
      forEach: (callback: (v: string, n: string) => void) => {
        callback('v', 'x-first');
        throw new Error('half');
      },
    },
  ],
  [
    'an iterator that throws half-way',
    {
      *[Symbol.iterator]() {
        yield ['x-first', 'v'];
        throw new Error('half');
      },
    },
  ],
  [
    'a Map with non-string keys',
    new Map<unknown, unknown>([
      [1, 'one'],
      [{}, 'obj'],
    ]),
  ],
  ['a header named __proto__', JSON.parse('{"__proto__": "x", "authorization": "Bearer y"}')],
];

test.each(weirdHeaders)('headers() never throws on %s and returns a plain record', (_label, headers) => {
  const record = redactor.headers(headers as never);
  expect(typeof record).toBe('object');
  expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  for (const value of Object.values(record)) expect(typeof value).toBe('string');
});

test('headers() keeps what it could read before a collection threw', () => {
  expect(redactor.headers(weirdHeaders[10]![1] as never)).toEqual({ 'x-first': 'v' });
  expect(redactor.headers(weirdHeaders[7]![1] as never)).toEqual({ ok: '1' });
});

test('headers() still masks a header named __proto__ beside a sensitive one', () => {
  const record = redactor.headers(weirdHeaders[13]![1] as never);
  expect(Object.hasOwn(record, '__proto__')).toBe(true);
  expect(record.authorization).toBe('Bearer ****');
});

const weirdValues: Array<[string, unknown]> = [
  ['undefined', undefined],
  ['null', null],
  ['a number', 12],
  ['a bigint', 12n],
  ['a symbol', Symbol('s')],
  ['a null-prototype object', unprintable],
  ['an object whose toString throws', throwingToString],
  ['a proxy that throws', throwingProxy],
  ['a lone surrogate', '\ud800 hostile-secret'],
];

test.each(weirdValues)('text(), headerValue() and isSensitiveHeader() never throw on %s', (_label, value) => {
  expect(typeof redactor.text(value as never)).toBe('string');
  expect(typeof redactor.headerValue(value as never, value as never)).toBe('string');
  expect(typeof redactor.headerValue('Authorization', value as never)).toBe('string');
  expect(typeof redactor.isSensitiveHeader(value as never)).toBe('boolean');
});

test.each([
  ...weirdValues,
  ['an invalid URL', 'http://[::1'],
  ['only percent signs', '%%%%'],
  ['a URL with a malformed escape in a name', 'http://h/?%E0%A4%A=1&token=x'],
  ['a URL with a space in the host', 'http://u:p@a b/?token=1'],
  ['an empty string', ''],
  ['a javascript: URL', 'javascript:alert(1)?token=x'],
] as Array<[string, unknown]>)('url() never throws on %s', (_label, value) => {
  expect(typeof redactor.url(value as never)).toBe('string');
});

test('url() still masks the query of a URL with a malformed escape', () => {
  expect(redactor.url('http://h/?%E0%A4%A=1&token=x')).toBe('http://h/?%E0%A4%A=1&token=****');
});

test('text() masks a secret next to a lone surrogate, which cannot be percent-encoded', () => {
  const withSurrogate = createRedactor({ secrets: ['\ud800lone-secret'] });
  expect(withSurrogate.text('x \ud800lone-secret y')).toBe('x **** y');
});

test('value() copies a cyclic body once and terminates', () => {
  const body: Record<string, unknown> = { name: 'loop', token: 'abc' };
  body.self = body;
  body.list = [body, body];
  const copy = redactor.value(body) as Record<string, unknown>;
  expect(copy.token).toBe('****');
  expect(copy.self).toBe(copy);
  expect((copy.list as unknown[])[0]).toBe(copy);
});

test('value() handles a wide graph of shared subtrees in linear time', () => {
  let node: unknown = { leaf: 'hostile-secret' };
  for (let level = 0; level < 30; level++) node = { left: node, right: node };
  // Without sharing, this would be 2^30 copies.
  const copy = redactor.value(node) as { left: unknown; right: unknown };
  expect(copy.left).toBe(copy.right);
});

test('value() cuts a hostile depth short instead of overflowing the stack', () => {
  let deep: unknown = 'hostile-secret';
  for (let level = 0; level < 100_000; level++) deep = [deep];
  const text = JSON.stringify(redactor.value(deep));
  expect(text).toContain('[too deep]');
  expect(text).not.toContain('hostile-secret');
});

test('value() survives getters and proxies that throw', () => {
  const body = { ok: 'fine', proxy: throwingProxy };
  Object.defineProperty(body, 'bad', {
    get: () => {
      throw new Error('getter');
    },
    enumerable: true,
  });
  expect(redactor.value(body)).toEqual({ ok: 'fine', proxy: '[unreadable]', bad: '[unreadable]' });
});

test('value() leaves primitives and non-plain objects as they are', () => {
  const date = new Date(0);
  expect(redactor.value(5)).toBe(5);
  expect(redactor.value(null)).toBeNull();
  expect(redactor.value(date)).toBe(date);
  expect(redactor.value(new URL('http://u:p@h/?token=1'))).toBe('http://****@h/?token=****');
});

test('createRedactor() accepts odd options without throwing', () => {
  for (const options of [
    undefined,
    null,
    {},
    { secrets: 5 },
    { secrets: [1, null, 'good-secret'] },
    { sensitiveHeaders: {} },
  ]) {
    expect(() => createRedactor(options as never)).not.toThrow();
  }
  expect(createRedactor({ secrets: [1, null, 'good-secret'] } as never).text('good-secret')).toBe('****');
});

test('a polluted Object.prototype adds no sensitive header or secret to createRedactor() or extend()', () => {
  const planted = { sensitiveHeaders: ['X-Team'], secrets: ['planted-value'] };
  for (const [key, value] of Object.entries(planted)) {
    Object.defineProperty(Object.prototype, key, { value, configurable: true, writable: true });
  }
  try {
    for (const made of [
      createRedactor({}),
      createRedactor(),
      createRedactor({ secrets: ['own-secret'] }).extend({}),
    ]) {
      expect(made.isSensitiveHeader('X-Team')).toBe(false);
      expect(made.text('team planted-value')).toBe('team planted-value');
      expect(made.headers({ 'X-Team': 'data' })).toEqual({ 'X-Team': 'data' });
    }
    // Own options still count.
    expect(
      createRedactor({})
        .extend({ sensitiveHeaders: ['X-Team'] })
        .isSensitiveHeader('x-team'),
    ).toBe(true);
  } finally {
    for (const key of Object.keys(planted)) delete (Object.prototype as Record<string, unknown>)[key];
  }
});

test('error constructors survive hostile requests, responses and bodies', () => {
  const error = new APIError(throwingProxy, {
    request: { method: 5 as never, url: 'not a url?token=x', headers: throwingProxy as never },
    response: { status: 500, statusText: unprintable as never, headers: weirdHeaders[6]![1] as never },
    secrets: ['hostile-secret'],
  });
  expect(error.request).toEqual({ method: '5', url: 'not a url?token=****', headers: {} });
  // An unprintable status text is dropped, not shown: the message keeps the status.
  expect(error.message).toBe('500 for 5 not a url?token=****');
  expect(() => JSON.stringify(error)).not.toThrow();
  const network = new NetworkError({ method: throwingToString as never, url: unprintable as never });
  expect(network.method).toBe('[UNPRINTABLE]');
  expect(
    () => new ConfigError(throwingToString as never, { field: 'x', issues: [null, 5] as never }),
  ).not.toThrow();
});
