import { expect, test } from 'vitest';
import { fqn } from '../src/index.js';

test('build quotes the names that contain a dot and only those', () => {
  expect(fqn.build('mysql_prod', 'shop', 'public', 'orders')).toBe('mysql_prod.shop.public.orders');
  expect(fqn.build('mysql.prod', 'shop', 'orders.v2')).toBe('"mysql.prod".shop."orders.v2"');
});

test('build keeps an already quoted dotted name and unquotes a quoted name without a dot', () => {
  expect(fqn.build('svc', '"a.b"')).toBe('svc."a.b"');
  expect(fqn.build('svc', '"ab"')).toBe('svc.ab');
});

test('split returns the unquoted names, so split(build(...parts)) gives the parts back', () => {
  const cases = [
    ['svc', 'db', 'schema', 'table'],
    ['svc.prod', 'db', 'orders.v2'],
    ['Übersicht', '注文', 'données.2024', 'emoji 🚀.x'],
    ['a/b', 'c?d', 'e#f', 'g%20h', ' leading and trailing '],
    ['..', '.', 'x'],
  ];
  for (const parts of cases) expect(fqn.split(fqn.build(...parts))).toEqual(parts);
});

test('build(split(name)) gives the FQN back', () => {
  for (const name of ['a.b.c', '"a.b".c', 'svc."x.y"."z.w"', 'ünï.cödé']) {
    expect(fqn.build(...fqn.split(name))).toBe(name);
  }
});

test('a double quote inside a name is escaped as \\", as upstream FullyQualifiedName.quoteName does', () => {
  expect(fqn.quoteName('say "hi"')).toBe('say \\"hi\\"');
  expect(fqn.build('svc', 'a"b')).toBe('svc.a\\"b');
  // Not the quoted form ("..." with no quote inside), so every quote is escaped, as Java does.
  expect(fqn.quoteName('"a"b"')).toBe('\\"a\\"b\\"');
  expect(fqn.quoteName('""')).toBe('\\"\\"');
  expect(fqn.quoteName('"leading')).toBe('\\"leading');
  expect(fqn.quoteName('trailing"')).toBe('trailing\\"');
  expect(fqn.split('svc.a\\"b')).toEqual(['svc', 'a"b']);
});

test('a name with both a dot and a quote is quoted and escaped, so split gives it back (Java would not quote it)', () => {
  expect(fqn.quoteName('v1.2 "beta"')).toBe('"v1.2 \\"beta\\""');
  expect(fqn.split(fqn.build('svc', 'v1.2 "beta"'))).toEqual(['svc', 'v1.2 "beta"']);
  expect(fqn.unquoteName(fqn.quoteName('a."'))).toBe('a."');
});

test('a dotted name ending in a backslash is a ConfigError: its closing quote would read as escaped', () => {
  for (const bad of ['a.b\\', '"a.b\\"']) {
    expect(() => fqn.quoteName(bad), bad).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG', field: 'name' }),
    );
  }
  expect(fqn.quoteName('ab\\')).toBe('ab\\');
});

test('split rejects empty parts, stray quotes and unterminated quotes with a ConfigError', () => {
  for (const bad of ['', 'a..b', '.a', 'a.', 'a"b.c', '"a.b', '"a.b"c', 'a."', '"a.b\\"', 'x."".y']) {
    expect(() => fqn.split(bad), bad).toThrow(
      expect.objectContaining({ name: 'ConfigError', field: 'name' }),
    );
  }
});

test('build with no parts or an empty part is a ConfigError', () => {
  expect(() => fqn.build()).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'parts' }));
  expect(() => fqn.build('a', '')).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'name' }));
});

test('unquoteName removes the quotes of a quoted part and unescapes its quotes', () => {
  expect(fqn.unquoteName('"a.b"')).toBe('a.b');
  expect(fqn.unquoteName('ab')).toBe('ab');
  expect(fqn.unquoteName('say \\"hi\\"')).toBe('say "hi"');
  expect(fqn.unquoteName('"x.\\"y"')).toBe('x."y');
});

test('a name with a line break outside quotes is a ConfigError, as Java quoteName rejects it', () => {
  expect(fqn.quoteName('"a.\nb"')).toBe('"a.\nb"');
  for (const name of ['a\nb', 'a\rb', 'a\u2028b', 'a\u0085b', 'a.\nb', 'a"\nb']) {
    expect(() => fqn.quoteName(name), JSON.stringify(name)).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG', field: 'name' }),
    );
  }
});
