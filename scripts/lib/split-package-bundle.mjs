// The several-entry build of scripts/bundle-package-entry.mjs (read its header first): one esbuild build with
// code splitting over every entry and `#imports` target of a package, its entries that load no optional peer
// joined into one core module, and bare side-effect imports kept as modules of their own so they run in tsc's
// order.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'esbuild';

/** Every `.js` file under `directory`, as absolute paths. */
function javascriptFiles(directory) {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.js'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The `./dist/*.js` targets of the `imports` map, every condition (each runtime's variant is an entry). */
function importTargets(node) {
  if (typeof node === 'string') return node.startsWith('./dist/') && node.endsWith('.js') ? [node] : [];
  if (typeof node !== 'object' || node === null) return [];
  return Object.values(node).flatMap(importTargets);
}

/** Modules of the package that another module imports for its effect alone (`import './x.js';`). */
function sideEffectModules(distDirectory) {
  const found = new Set();
  for (const file of javascriptFiles(distDirectory)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^import\s+['"](\.{1,2}\/[^'"]+)['"];?\s*$/gm)) {
      found.add(resolve(dirname(file), match[1]));
    }
  }
  return found;
}

const SEPARATE = 'bundle-package-entry:separate:';

/** Keeps each side-effect module an import of its own (see the header), under a marker rewritten after the build. */
function keepSeparate(modules) {
  return {
    name: 'keep-side-effect-modules-separate',
    setup(builder) {
      builder.onResolve({ filter: /^\.{1,2}\// }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        return modules.has(path) && args.kind === 'import-statement'
          ? { path: `${SEPARATE}${path}`, external: true }
          : undefined;
      });
    },
  };
}

/** `./x.js` or `../x.js`: the import specifier of `target` from a module written at `from`. */
function specifierFrom(from, target) {
  const path = relative(dirname(from), target).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** Rewrites the separate-module markers of one output and checks each is imported before any package. */
function linkSeparateModules(output, packageDirectory) {
  let text = output.text;
  const markers = [...text.matchAll(new RegExp(`["']${SEPARATE}([^"']+)["']`, 'g'))];
  for (const [quoted, target] of markers) {
    const firstPackageImport = text.search(/^import\s[^;]*?["'](?![.#]|bundle-package-entry:)[^"']+["'];?$/m);
    if (firstPackageImport !== -1 && firstPackageImport < text.indexOf(quoted)) {
      throw new Error(`${relative(packageDirectory, output.path)} imports a package before ${target}`);
    }
    text = text.replace(quoted, JSON.stringify(specifierFrom(output.path, target)));
  }
  return text;
}

/** Whether loading the output `key` (a metafile output path) loads an optional peer, through its chunks too. */
function reachesOptionalPeer(metafile, key, optionalPeers, seen = new Set()) {
  if (seen.has(key)) return false;
  seen.add(key);
  return metafile.outputs[key].imports.some((found) =>
    found.external
      ? optionalPeers.some((peer) => found.path === peer || found.path.startsWith(`${peer}/`))
      : reachesOptionalPeer(metafile, found.path, optionalPeers, seen),
  );
}

function splitBuild(common, distDirectory, entryPoints, separate) {
  return build({
    ...common,
    entryPoints,
    outdir: distDirectory,
    outbase: distDirectory,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    allowOverwrite: true,
    plugins: [keepSeparate(separate)],
  });
}

/**
 * Code splitting makes one chunk per set of entries that share modules, so four entries and four `#imports`
 * targets give a dozen chunks, most of them on `@meta/rest`'s import path. The entries that load no optional
 * peer (everything but `./undici`) are therefore joined into ONE core module, `dist/chunks/core.js`, and each
 * of them becomes a facade that re-exports its own names from it: importing the root and the adapter entry
 * then reads three files, not fifteen. Loading one of those entries also loads the others' code (a few KB,
 * compiled lazily); an entry that loads an optional peer (npm undici) stays apart, so
 * `import('@meta/transport')` never loads it.
 * @returns the core entry source (written to `corePath`) and the facades to write, by absolute path.
 */
function coreAndFacades(context, metafile, corePath) {
  const { manifest, packageDirectory, exportTargets } = context;
  const optionalPeers = Object.entries(manifest.peerDependenciesMeta ?? {})
    .filter(([, meta]) => meta?.optional === true)
    .map(([name]) => name);
  const members = exportTargets
    .map(([, target]) => ({ path: join(packageDirectory, target), key: target.replace(/^\.\//, '') }))
    .filter(({ key }) => !reachesOptionalPeer(metafile, key, optionalPeers));
  if (members.length < 2) return undefined;
  const coreLines = [];
  const facades = new Map();
  members.forEach(({ path, key }, index) => {
    const names = metafile.outputs[key].exports;
    const aliases = names.map((name) => `${name} as ${name}$${index}`).join(', ');
    coreLines.push(`export { ${aliases} } from ${JSON.stringify(specifierFrom(corePath, path))};`);
    const reexports = names.map((name) => `${name}$${index} as ${name}`).join(', ');
    facades.set(path, `export { ${reexports} } from ${JSON.stringify(specifierFrom(path, corePath))};\n`);
  });
  return { coreSource: `${coreLines.join('\n')}\n`, facades };
}

/**
 * The several-entry build (see scripts/bundle-package-entry.mjs): writes `dist/` and returns a one-line
 * summary. `context`: `{ manifest, packageDirectory, exportTargets: [subpath, target][], common: esbuild
 * options }`. Throws when the bundle would import a file it does not write or break the evaluation order.
 */
export async function bundleSplitEntries(context) {
  const { manifest, packageDirectory, exportTargets, common } = context;
  const distDirectory = join(packageDirectory, 'dist');
  const separate = sideEffectModules(distDirectory);
  const importEntries = importTargets(manifest.imports).map((target) => join(packageDirectory, target));
  const exportEntries = exportTargets.map(([, target]) => join(packageDirectory, target));
  let result = await splitBuild(
    common,
    distDirectory,
    [...exportEntries, ...importEntries, ...separate],
    separate,
  );
  const corePath = join(distDirectory, 'chunks', 'core.js');
  const joined = coreAndFacades(context, result.metafile, corePath);
  if (joined !== undefined) {
    rmSync(join(distDirectory, 'chunks'), { recursive: true, force: true });
    mkdirSync(dirname(corePath), { recursive: true });
    writeFileSync(corePath, joined.coreSource);
    const apart = exportEntries.filter((entry) => !joined.facades.has(entry));
    result = await splitBuild(
      common,
      distDirectory,
      [corePath, ...apart, ...importEntries, ...separate],
      separate,
    );
  }
  const facades = joined?.facades ?? new Map();
  const outputs = new Set([...result.outputFiles.map((file) => file.path), ...facades.keys()]);
  // An external import must be a package, a built-in, a `#import` or a separate module; any other must be an
  // output.
  const strayImports = Object.values(result.metafile.outputs).flatMap((meta) =>
    meta.imports.filter((found) =>
      found.external ? /^[./]/.test(found.path) : !outputs.has(join(packageDirectory, found.path)),
    ),
  );
  if (strayImports.length > 0)
    throw new Error(`bundle still imports ${strayImports.map((found) => found.path)}`);

  rmSync(join(distDirectory, 'chunks'), { recursive: true, force: true });
  for (const file of javascriptFiles(distDirectory)) {
    if (!outputs.has(file)) rmSync(file);
    if (!outputs.has(`${file}.map`)) rmSync(`${file}.map`, { force: true });
  }
  for (const output of result.outputFiles) {
    mkdirSync(dirname(output.path), { recursive: true });
    writeFileSync(
      output.path,
      output.path.endsWith('.js') ? linkSeparateModules(output, packageDirectory) : output.contents,
    );
  }
  for (const [path, text] of facades) writeFileSync(path, text);
  const modules = Object.keys(result.metafile.inputs).length;
  const chunks = result.outputFiles.filter((file) => /[\\/]chunks[\\/].*\.js$/.test(file.path)).length;
  return (
    `${manifest.name} ${exportEntries.length} entry points (${facades.size} of them ` +
    `facades of dist/chunks/core.js), ${importEntries.length} #imports targets, ${chunks} files under chunks/ ` +
    `(${modules} files joined; kept separate for evaluation order: ${separate.size})`
  );
}
