// The BUILT declarations (dist/*.d.ts, what npm users get; the gate builds before this runs) of every entry point
// that runs in browsers and edge runtimes must type-check in a project without @types/node and with
// `skipLibCheck: false`: a browser app's `import { REST } from '@meta/rest'` once failed on `Buffer` in
// chunked-decoder.d.ts, reached through `@meta/transport/adapter`.
import { expect, test } from 'vitest';
import { builtEntryPoints, typecheckConsumer } from '../lib/typecheck-consumer.mjs';

/** Entry points that only make sense in Node (sockets, TLS, test runners) are left out. */
const NODE_ONLY = new Set(['@meta/transport/undici', '@meta/transport-conformance']);

test('every browser-safe entry point type-checks from dist/ without @types/node (skipLibCheck off)', () => {
  const specifiers = builtEntryPoints()
    .map((entry) => entry.specifier)
    .filter((specifier) => !NODE_ONLY.has(specifier));
  expect(specifiers).toContain('@meta/rest');
  const source = [
    ...specifiers.map((specifier, index) => `import * as entry${index} from '${specifier}';`),
    `export const entries = [${specifiers.map((_, index) => `entry${index}`).join(', ')}];`,
    '',
  ].join('\n');
  const outcome = typecheckConsumer(source, { skipLibCheck: false, types: [], typeRoots: [] });
  expect(outcome.output).toBe('');
  expect(outcome.status).toBe(0);
});
