import { expect, test } from 'vitest';
import { boundedSnippet, MAX_ERROR_BODY_CHARACTERS, redactedSnippet } from '../src/http-exchange.js';
import { createRedactor } from '../src/index.js';

test('keeps 64 KiB of error body', () => {
  expect(MAX_ERROR_BODY_CHARACTERS).toBe(65_536);
});

test('keeps text within the bound whole', () => {
  expect(boundedSnippet('short', 10)).toBe('short');
  expect(boundedSnippet('x'.repeat(10), 10)).toBe('x'.repeat(10));
});

test('cuts longer text and says how many characters were dropped', () => {
  expect(boundedSnippet('abcdef', 3)).toBe('abc… [3 more characters]');
});

test('never cuts a surrogate pair in half', () => {
  const snippet = boundedSnippet('ab😀cd', 3);
  expect(snippet).toBe('ab… [4 more characters]');
});

test('redacts a secret longer than the bound that straddles the cut (a 2 KB JWT in a 1 KiB snippet)', () => {
  const jwt = `eyJ${'j'.repeat(2000)}`;
  const redactor = createRedactor({ secrets: [jwt] });
  const snippet = redactedSnippet(`${'a'.repeat(1000)}${jwt}${'b'.repeat(5000)}`, redactor, 1024);
  expect(snippet.startsWith(`${'a'.repeat(1000)}****bbb`)).toBe(true);
  expect(snippet).not.toContain('eyJ');
});

test('redacts before cutting, so a secret straddling the cut is not half kept', () => {
  const redactor = createRedactor({ secrets: ['secret-across-cut'] });
  const text = `${'a'.repeat(8)}secret-across-cut${'b'.repeat(70_000)}`;
  const snippet = redactedSnippet(text, redactor, 10);
  expect(snippet.startsWith(`${'a'.repeat(8)}**`)).toBe(true);
  expect(snippet).not.toContain('se');
});

test('redacts only a bounded head of a huge text and still counts what was dropped', () => {
  const redactor = createRedactor({ secrets: ['tail-secret'] });
  const text = `${'x'.repeat(100)}${'y'.repeat(200_000)}tail-secret`;
  const snippet = redactedSnippet(text, redactor, 100);
  expect(snippet).toBe(`${'x'.repeat(100)}… [${text.length - 100} more characters]`);
});
