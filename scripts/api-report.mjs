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
      },
      // TSDoc is judged by TypeDoc, whose parser (not api-extractor's stricter TSDoc one) renders the reference:
      // prose such as "from @meta/errors" is fine there and only noise here.
      tsdocMessageReporting: { default: { logLevel: 'none' } },
    },
  };
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
    pkg.entryPoints.forEach((entry, index) => {
      const result = Extractor.invoke(configs[index], {
        localBuild: update,
        compilerState,
        printApiReportDiff: !update,
        messageCallback: (message) => {
          // Keep the output about problems; api-extractor's progress chatter adds nothing here.
          if (message.logLevel === 'info' || message.logLevel === 'verbose') message.handled = true;
        },
      });
      const report = relative(workspaceRoot, join(pkg.directory, 'api', `${entry.slug}.api.md`));
      const problems = result.errorCount + (update ? 0 : result.warningCount);
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
if (failures > 0 && !update) {
  console.error(
    `\n${failures} API report(s) failed. If the surface change is intended, run \`pnpm build && pnpm api:update\`` +
      ' and commit the reports; otherwise fix the export or its TSDoc.',
  );
}
process.exit(failures > 0 ? 1 : 0);
