#!/usr/bin/env node
// The TypeDoc API reference of every published entry point (`pnpm docs:api`, output in docs/api/, gitignored).
// Options live in the root typedoc.json; the entry points come from the manifests (`exports` -> `@meta/source`),
// so a new subpath is documented without editing a list. Each module is named after its import specifier
// (`@meta/transport/undici`) instead of TypeDoc's path-based name (`transport/src/undici`).
// Unlike the plain `typedoc` CLI, which stops after conversion warnings, this always runs validation too, so one
// run lists every problem; any warning (e.g. validation.notDocumented: an export without TSDoc) fails the run.
import { resolve } from 'node:path';
import {
  Application,
  Converter,
  PackageJsonReader,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';
import { publishedPackages, workspaceRoot } from './lib/published-packages.mjs';

process.chdir(workspaceRoot);
const entryPoints = publishedPackages().flatMap((pkg) =>
  pkg.entryPoints
    .filter((entry) => typeof entry.source === 'string')
    .map((entry) => ({ file: resolve(pkg.directory, entry.source), specifier: entry.specifier })),
);
const specifierByFile = new Map(entryPoints.map((entry) => [entry.file, entry.specifier]));

const app = await Application.bootstrapWithPlugins(
  { options: 'typedoc.json', entryPoints: entryPoints.map((entry) => entry.file) },
  [new TypeDocReader(), new PackageJsonReader(), new TSConfigReader()],
);
app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
  for (const module of context.project.getChildrenByKind(ReflectionKind.Module)) {
    const file = context.project.getSymbolIdFromReflection(module)?.fileName;
    const specifier = file === undefined ? undefined : specifierByFile.get(resolve(file));
    if (specifier === undefined) app.logger.error(`cannot tell which entry point module "${module.name}" is`);
    else module.name = specifier;
  }
});

const project = await app.convert();
if (project === undefined) process.exit(3);
app.validate(project);
const broken = app.logger.hasErrors() || app.logger.hasWarnings();
if (!broken || process.argv.includes('--force')) await app.generateOutputs(project);
const failed =
  app.logger.hasErrors() || (app.options.getValue('treatWarningsAsErrors') && app.logger.hasWarnings());
console.log(
  failed
    ? `✗ API reference: ${app.logger.errorCount} error(s), ${app.logger.warningCount} warning(s) (see above)`
    : `✓ API reference for ${entryPoints.length} entry points in ${app.options.getValue('out')}`,
);
process.exit(failed ? 4 : 0);
