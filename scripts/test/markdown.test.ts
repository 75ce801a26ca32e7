import { expect, test } from 'vitest';
import { linkTargets, typescriptBlocks, withoutCode } from '../lib/markdown.mjs';

test('finds inline links, images and reference definitions with their lines', () => {
  const markdown = [
    '# Title',
    'See [the spec](docs/spec.md#rules) and ![logo](assets/logo.png "Logo").',
    '',
    '[ref]: ../outside.md',
  ].join('\n');
  expect(linkTargets(markdown)).toEqual([
    { target: 'docs/spec.md#rules', line: 2 },
    { target: 'assets/logo.png', line: 2 },
    { target: '../outside.md', line: 4 },
  ]);
});

test('ignores links inside fenced code blocks and inline code', () => {
  const markdown = ['```md', '[not a link](../outside/SPEC.md)', '```', 'Use `[x](../y.md)` literally.'].join(
    '\n',
  );
  expect(linkTargets(markdown)).toEqual([]);
  expect(withoutCode(markdown).split('\n')).toHaveLength(4);
});

test('reads ts blocks with their mode and the line of their first code line', () => {
  const markdown = [
    'text',
    '```ts',
    'const a = 1;',
    '```',
    '```ts run',
    'console.log(2);',
    '```',
    '```typescript fragment',
    'client.get(x)',
    '```',
    '```sh',
    'npm install',
    '```',
  ].join('\n');
  expect(typescriptBlocks(markdown)).toEqual([
    { line: 3, code: 'const a = 1;', mode: 'check', unknown: [] },
    { line: 6, code: 'console.log(2);', mode: 'run', unknown: [] },
    { line: 9, code: 'client.get(x)', mode: 'fragment', unknown: [] },
  ]);
});

test('reports an unknown marker instead of silently not checking the block', () => {
  expect(typescriptBlocks('```ts runn\nx\n```')[0]).toMatchObject({ mode: 'check', unknown: ['runn'] });
});

test('an unclosed block is an error naming its line', () => {
  expect(() => typescriptBlocks('a\n```ts\nconst x = 1;')).toThrow('line 2: a code block is never closed');
});
