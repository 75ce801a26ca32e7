import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const MOCK_DIRECTORY = fileURLToPath(new URL('../src/mock/', import.meta.url));
const SCHEMAS_DIRECTORY = fileURLToPath(new URL('../src/schemas/', import.meta.url));

test('the mock handlers use no Node built-in, so a browser page can run them in MSW’s service worker', () => {
  const offending = [MOCK_DIRECTORY, SCHEMAS_DIRECTORY].flatMap((directory) =>
    readdirSync(directory).flatMap((name) => {
      const source = readFileSync(join(directory, name), 'utf8');
      const uses = [/from 'node:/, /\bBuffer\./, /\bprocess\./, /from 'msw\/node'/].filter((pattern) =>
        pattern.test(source),
      );
      return uses.map((pattern) => `${name}: ${pattern}`);
    }),
  );
  expect(offending).toEqual([]);
});
