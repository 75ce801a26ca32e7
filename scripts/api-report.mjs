#!/usr/bin/env node
// API reports: one api-extractor report per published entry point (`packages/<pkg>/api/<slug>.api.md`), made from
// the built .d.ts files, so every change to a public surface shows up as a diff in review.
//   node scripts/api-report.mjs           check (the gate): fails when a surface differs from its committed report,
//                                          or on any api-extractor warning (forgotten export, bad TSDoc, ...)
//   node scripts/api-report.mjs --update  regenerate the reports (`pnpm api:update`, after `pnpm build`)
// api-extractor has no multi-entry-point mode (rushstack issue 1596), so this runs it once per entry point with the
// entry's .d.ts as `mainEntryPointFilePath`; one compiler program per package serves all of its entry points.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { publishedPackages, workspaceRoot } from './lib/published-packages.mjs';

const { CompilerState, Extractor, ExtractorConfig } = createRequire(import.meta.url)(
  '@microsoft/api-extractor',
);
const update = process.argv.includes('--update');
const temporary = mkdtempSync(join(tmpdir(), 'meta-api-report-'));

/** The api-extractor configuration for one entry point, as an object (no per-package JSON files to keep in sync). */
function configFor(pkg, entry) {
  return {
    projectFolder: pkg.directory,
    mainEntryPointFilePath: join(pkg.directory, entry.types),
    bundledPackages: [],
    newlineKind: 'lf',
    enumMemberOrder: 'preserve',
    compiler: { tsconfigFilePath: join(pkg.directory, 'tsconfig.build.json') },
    apiReport: {
      enabled: true,
      reportFileName: `${entry.slug}.api.md`,
      reportFolder: join(pkg.directory, 'api'),
      reportTempFolder: join(temporary, entry.slug),
      includeForgottenExports: false,
    },
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: 'warning' } },
      extractorMessageReporting: {
        default: { logLevel: 'warning' },
        // Missing TSDoc is judged by TypeDoc (`pnpm docs:api`, validation.notDocumented), which also sees members.
        'ae-undocumented': { logLevel: 'none' },
        // Nothing here uses release tags (@public/@beta); every export of an entry point is public.
        'ae-missing-release-tag': { logLevel: 'none' },
        // api-extractor resolves {@link} within one entry point only, so a subpath's link to a type of the main
        // entry always "fails" here; TypeDoc checks every link across the packages (validation.invalidLink).
        'ae-unresolved-link': { logLevel: 'none' },
        // A type the API uses but no entry point exports cannot be named by a consumer: a failure, not a note in
        // the report (a type another entry point of the same package exports is fine, see messageCallback).
        'ae-forgotten-export': { logLevel: 'warning', addToApiReportFile: false },
      },
      // TSDoc is judged by TypeDoc, whose parser (not api-extractor's stricter TSDoc one) renders the reference:
      // prose such as "from @meta/errors" is fine there and only noise here.
      tsdocMessageReporting: { default: { logLevel: 'none' } },
    },
  };
}

/** Every name exported by any of a package's entry points (the .d.ts files the configs point at). */
function exportedNames(program, configs) {
  const checker = program.getTypeChecker();
  const names = new Set();
  for (const config of configs) {
    const sourceFile = program.getSourceFile(config.mainEntryPointFilePath);
    const moduleSymbol = sourceFile === undefined ? undefined : checker.getSymbolAtLocation(sourceFile);
    for (const symbol of moduleSymbol === undefined ? [] : checker.getExportsOfModule(moduleSymbol)) {
      names.add(symbol.getName());
    }
  }
  return names;
}

let failures = 0;
try {
  for (const pkg of publishedPackages()) {
    const missing = pkg.entryPoints.filter((entry) => !existsSync(join(pkg.directory, entry.types)));
    if (missing.length > 0) {
      console.error(
        `✗ ${pkg.name}: ${missing.map((entry) => entry.types).join(', ')} not built (run pnpm build)`,
      );
      failures += missing.length;
      continue;
    }
    mkdirSync(join(pkg.directory, 'api'), { recursive: true });
    const configs = pkg.entryPoints.map((entry) => {
      const configObject = configFor(pkg, entry);
      return ExtractorConfig.prepare({
        configObject,
        configObjectFullPath: join(pkg.directory, 'api-extractor.json'),
        packageJsonFullPath: join(pkg.directory, 'package.json'),
      });
    });
    const [first, ...others] = configs;
    const compilerState = CompilerState.create(first, {
      additionalEntryPoints: others.map((config) => config.mainEntryPointFilePath),
    });
    const exportedByPackage = exportedNames(compilerState.program, configs);
    pkg.entryPoints.forEach((entry, index) => {
      const result = Extractor.invoke(configs[index], {
        localBuild: update,
        compilerState,
        printApiReportDiff: !update,
        messageCallback: (message) => {
          // Keep the output about problems; api-extractor's progress chatter adds nothing here.
          if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
          // "Report created/updated, please commit it" is what --update is for: said once per line below.
          if (['console-api-report-created', 'console-api-report-copied'].includes(message.messageId)) {
            message.logLevel = 'none'; // not counted as a warning
            message.handled = true;
          }
          // A subpath may use a type that another entry point of the same package exports (undici's options use
          // `Transport` from '.'): a consumer can name it, so it is not forgotten.
          const forgotten = /The symbol "([^"]+)" needs to be exported/.exec(message.text);
          if (message.messageId === 'ae-forgotten-export' && exportedByPackage.has(forgotten?.[1])) {
            message.logLevel = 'none'; // not counted as a warning
            message.handled = true;
          }
        },
      });
      const report = relative(workspaceRoot, join(pkg.directory, 'api', `${entry.slug}.api.md`));
      const problems = result.errorCount + result.warningCount;
      if (problems > 0) failures += 1;
      const verdict = problems > 0 ? '✗' : '✓';
      const change = result.apiReportChanged
        ? update
          ? ' (updated)'
          : ' (DIFFERS from the committed report)'
        : '';
      console.log(`${verdict} ${entry.specifier} -> ${report}${change}`);
    });
  }
} finally {
  rmSync(temporary, { recursive: true, force: true });
}
if (failures > 0 && update) {
  console.error(
    `\nReports written, but ${failures} entry point(s) have problems the gate fails on (see above).`,
  );
} else if (failures > 0) {
  console.error(
    `\n${failures} API report(s) failed. If the surface change is intended, run \`pnpm build && pnpm api:update\`` +
      ' and commit the reports; otherwise fix the export or its TSDoc.',
  );
}
process.exit(failures > 0 ? 1 : 0);
