import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, test } from 'vitest';

/**
 * Modules that share a dist chunk with the browser path but are not on it must do nothing at load time: a call
 * at the top level (`Object.freeze({...})`) is a side effect a bundler keeps, and the reason-phrase table alone
 * added 0.57 KB (gzip) to every browser bundle of REST + the fetch transport that way.
 */
test.each(['status-text.ts', 'own-options.ts', 'timer-delay.ts', 'check-options.ts'])(
  'src/%s leaves nothing in a bundle that imports it without using it',
  async (file) => {
    const result = await build({
      stdin: {
        contents: `import './src/${file}';`,
        resolveDir: join(import.meta.dirname, '..'),
        loader: 'ts',
      },
      bundle: true,
      write: false,
      minify: true,
      format: 'esm',
      platform: 'browser',
      conditions: ['@meta/source'],
      external: ['@meta/errors'],
      // Ignore package.json `sideEffects: false`, which would drop the file whole: in a dist chunk it shares a
      // module with code that is used, so only its own top-level statements decide.
      ignoreAnnotations: true,
      logLevel: 'silent',
    });
    // What is left once the (external) imports are taken out: code that runs at load time.
    expect(result.outputFiles[0]!.text.replace(/import[^;]*;/g, '').trim()).toBe('');
  },
);
