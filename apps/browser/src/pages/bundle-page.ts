import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

/** Options of {@link bundlePage}. */
export interface BundlePageOptions {
  /** Extra export conditions besides `browser` (workerd's `workerd`, `worker`). */
  readonly conditions?: readonly string[];
}

const NODE_BUILTINS = new Set(builtinModules);

/** `node:fs`, `fs`, `fs/promises`, `undici`, `undici/...`: what a browser or workerd cannot load. */
function isNodeOnly(specifier: string): boolean {
  if (specifier.startsWith('node:') || specifier === 'undici' || specifier.startsWith('undici/')) return true;
  return NODE_BUILTINS.has(specifier.split('/')[0] ?? specifier);
}

/** A bundle that imports a Node built-in or undici is not browser-safe: fail the build, naming the importer. */
const refuseNodeOnly: Plugin = {
  name: 'refuse-node-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) =>
      isNodeOnly(args.path)
        ? { errors: [{ text: `${args.path} imported by ${args.importer}: not allowed in a browser bundle` }] }
        : undefined,
    );
  },
};

/**
 * Bundle one page entry (a file in `src/pages/` or `src/edge/`) into a single ES module, in memory.
 * @param entry - path relative to this package's `src/`, e.g. `pages/rest-page.ts`
 */
export async function bundlePage(entry: string, options: BundlePageOptions = {}): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../${entry}`, import.meta.url))],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    // Workspace packages resolve to `src/` like every test here (no build needed); the bundle budget script
    // measures the built `dist/` users get.
    conditions: ['@meta/source', ...(options.conditions ?? [])],
    plugins: [refuseNodeOnly],
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no output for ${entry}`);
  return output.text;
}
