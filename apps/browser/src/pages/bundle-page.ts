import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** Options of {@link bundlePage}. */
export interface BundlePageOptions {
  /**
   * Resolve workspace packages to `src/` (`@meta/source`, the test default: no build needed) or to the built
   * `dist/` users get.
   */
  readonly source?: 'src' | 'dist';
  /** esbuild `platform`. @default 'browser' */
  readonly platform?: 'browser' | 'neutral';
  /** Extra export conditions (workerd's `workerd`, `worker`). */
  readonly conditions?: readonly string[];
}

/** A bundle that imports a Node built-in or undici is not browser-safe: fail the build, naming the importer. */
const refuseNodeOnly: Plugin = {
  name: 'refuse-node-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^(node:|undici$|undici\/)/ }, (args) => ({
      errors: [{ text: `${args.path} imported by ${args.importer}: not allowed in a browser bundle` }],
    }));
  },
};

/**
 * Bundle one page entry (a file in `src/pages/` or `src/edge/`) into a single ES module, in memory.
 * @param entry - path relative to this package's `src/`, e.g. `pages/rest-page.ts`
 */
export async function bundlePage(entry: string, options: BundlePageOptions = {}): Promise<string> {
  const platform = options.platform ?? 'browser';
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform,
    target: 'es2022',
    conditions: [
      ...(options.source === 'dist' ? [] : ['@meta/source']),
      ...(options.conditions ?? []),
      ...(platform === 'neutral' ? ['module', 'import'] : []),
    ],
    mainFields: platform === 'neutral' ? ['module', 'main'] : ['browser', 'module', 'main'],
    plugins: [refuseNodeOnly],
    logLevel: 'silent',
    sourcemap: 'inline',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}
