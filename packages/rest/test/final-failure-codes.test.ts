import { join } from 'node:path';
import { build } from 'esbuild';
import { expect, test } from 'vitest';
import { isFinalCode } from '../src/final-failure-codes.js';
import { isFinalCode as isFinalCodeInBrowser } from '../src/final-failure-codes-browser.js';

test('outside a browser, TLS, proxy and undici codes are final whatever the transport says', () => {
  for (const code of [
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'ERR_PROXY_TUNNEL',
    'EPROTO',
  ]) {
    expect(isFinalCode(code), code).toBe(true);
  }
  expect(isFinalCode('ECONNREFUSED')).toBe(false);
  expect(isFinalCodeInBrowser('ERR_TLS_CERT_ALTNAME_INVALID')).toBe(false);
});

test('a browser bundle resolves #final-failure-codes to the stub, without the code list', async () => {
  const result = await build({
    entryPoints: [join(import.meta.dirname, '..', 'src', 'failure-class.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    conditions: ['@meta/source'],
    external: ['@meta/errors'],
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.text;
  expect(code).not.toContain('ERR_PROXY_TUNNEL');
  expect(code).toContain('classifyFailure');
});
