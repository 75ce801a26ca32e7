import { isConfigError } from '@meta/errors';
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

test('a double quote inside a name is a ConfigError, as OpenMetadata rejects it', () => {
  for (const bad of ['say "hi"', 'a"b', '"a"b"', '""']) {
    const error = (() => {
      try {
        fqn.build('svc', bad);
      } catch (caught) {
        return caught;
      }
    })();
    expect(isConfigError(error) && error.field).toBe('name');
  }
});

test('split rejects empty parts, stray quotes and unterminated quotes with a ConfigError', () => {
  for (const bad of ['', 'a..b', '.a', 'a.', 'a"b.c', '"a.b', '"a.b"c', 'a."']) {
    expect(() => fqn.split(bad), bad).toThrow(
      expect.objectContaining({ name: 'ConfigError', field: 'name' }),
    );
  }
});

test('build with no parts or an empty part is a ConfigError', () => {
  expect(() => fqn.build()).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'parts' }));
  expect(() => fqn.build('a', '')).toThrow(expect.objectContaining({ name: 'ConfigError', field: 'name' }));
});

test('unquoteName removes the quotes of a quoted part only', () => {
  expect(fqn.unquoteName('"a.b"')).toBe('a.b');
  expect(fqn.unquoteName('ab')).toBe('ab');
});

test('a name with a line break is a ConfigError, as Java quoteName rejects it', () => {
  for (const name of ['a\nb', 'a\rb', 'a\u2028b', 'a\u0085b', '"a.\nb"']) {
    expect(() => fqn.quoteName(name), JSON.stringify(name)).toThrow(
      expect.objectContaining({ code: 'ERR_CONFIG', field: 'name' }),
    );
  }
});
