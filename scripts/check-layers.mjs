#!/usr/bin/env node
// The layering check: errors <- transport <- rest <- apps. A package may import only packages of a lower layer
// (and itself); any upward or sideways import, and any cycle between packages or between the source files of one
// package, fails. Type-only imports count for the package layering (a type still couples the packages) but not for
// file cycles (they vanish at runtime).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Layer of each workspace package; a higher number may depend on a lower one only. */
export const LAYERS = {
  '@meta/errors': 0,
  '@meta/transport': 1,
  '@meta/transport-conformance': 2,
  '@meta/rest': 3,
  '@meta/openmetadata': 4,
  '@meta/playground': 5,
  '@meta/bench': 5,
  '@meta/browser-tests': 6,
};

const SOURCE_FILE = /\.(?:[cm]?[jt]s|tsx)$/;
const SKIPPED_DIRECTORIES = new Set(['node_modules', 'dist', '.turbo', 'results', 'coverage']);
// import/export ... from '...', import('...'), require('...'), import '...'
const SPECIFIER =
  /(?:^|[;\s])(import|export)\s+(type\s+)?(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]|\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

function listSourceFiles(directory) {
  const files = [];
  for (const name of readdirSync(directory)) {
    if (SKIPPED_DIRECTORIES.has(name)) continue;
    const path = join(directory, name);
    if (statSync(path).isDirectory()) files.push(...listSourceFiles(path));
    else if (SOURCE_FILE.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** Every import specifier in a source text, with whether it is type-only. */
export function findImports(text) {
  const imports = [];
  for (const match of text.matchAll(SPECIFIER)) {
    const specifier = match[3] ?? match[4];
    if (specifier) imports.push({ specifier, typeOnly: Boolean(match[2]) });
  }
  return imports;
}

function packageOf(specifier) {
  if (!specifier.startsWith('@meta/')) return undefined;
  return specifier.split('/').slice(0, 2).join('/');
}

function listPackages(root) {
  const packages = [];
  for (const group of ['packages', 'apps']) {
    const groupDirectory = join(root, group);
    if (!existsSync(groupDirectory)) continue;
    for (const name of readdirSync(groupDirectory)) {
      const manifestPath = join(groupDirectory, name, 'package.json');
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      packages.push({ name: manifest.name, directory: join(groupDirectory, name), manifest });
    }
  }
  return packages;
}

function findCycle(graph) {
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') return [...stack.slice(stack.indexOf(next)), next];
      if (!state.has(next)) {
        const cycle = visit(next);
        if (cycle) return cycle;
      }
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    if (!state.has(node)) {
      const cycle = visit(node);
      if (cycle) return cycle;
    }
  }
  return undefined;
}

function resolveRelative(fromFile, specifier, known) {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    base.replace(/\.mjs$/, '.mts'),
    `${base}.ts`,
    join(base, 'index.ts'),
  ];
  return candidates.find((candidate) => known.has(candidate));
}

/** Check the workspace at `root`; returns a list of human-readable violations (empty when clean). */
export function checkLayers(root) {
  const violations = [];
  const packageGraph = new Map();
  for (const workspacePackage of listPackages(root)) {
    const layer = LAYERS[workspacePackage.name];
    if (layer === undefined) {
      violations.push(`${workspacePackage.name}: not assigned to a layer in scripts/check-layers.mjs`);
      continue;
    }
    const edges = new Set();
    packageGraph.set(workspacePackage.name, edges);
    const { dependencies = {}, devDependencies = {}, peerDependencies = {} } = workspacePackage.manifest;
    for (const dependency of Object.keys({ ...dependencies, ...devDependencies, ...peerDependencies })) {
      if (LAYERS[dependency] === undefined) continue;
      edges.add(dependency);
      if (LAYERS[dependency] >= layer && dependency !== workspacePackage.name) {
        violations.push(
          `${workspacePackage.name} (layer ${layer}) depends on ${dependency} (layer ${LAYERS[dependency]})`,
        );
      }
    }
    const files = listSourceFiles(workspacePackage.directory);
    const known = new Set(files);
    const fileGraph = new Map();
    for (const file of files) {
      const fileEdges = new Set();
      fileGraph.set(file, fileEdges);
      for (const { specifier, typeOnly } of findImports(readFileSync(file, 'utf8'))) {
        const imported = packageOf(specifier);
        const where = relative(root, file);
        if (imported && imported !== workspacePackage.name) {
          edges.add(imported);
          const importedLayer = LAYERS[imported];
          if (importedLayer === undefined)
            violations.push(`${where} imports unknown workspace package ${imported}`);
          else if (importedLayer >= layer) {
            violations.push(
              `${where} (${workspacePackage.name}, layer ${layer}) imports ${imported} (layer ${importedLayer})`,
            );
          }
        }
        if (specifier.startsWith('.') && !typeOnly) {
          const target = resolveRelative(file, specifier, known);
          if (target) fileEdges.add(target);
        }
      }
    }
    const fileCycle = findCycle(fileGraph);
    if (fileCycle)
      violations.push(
        `import cycle in ${workspacePackage.name}: ${fileCycle.map((file) => relative(root, file)).join(' -> ')}`,
      );
  }
  for (const [name, edges] of packageGraph) edges.delete(name);
  const packageCycle = findCycle(packageGraph);
  if (packageCycle) violations.push(`package cycle: ${packageCycle.join(' -> ')}`);
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkLayers(root);
  for (const violation of violations) console.error(`layering: ${violation}`);
  console.log(
    violations.length === 0
      ? 'layering: ok (errors <- transport <- rest <- apps)'
      : `layering: ${violations.length} violation(s)`,
  );
  process.exit(violations.length === 0 ? 0 : 1);
}
