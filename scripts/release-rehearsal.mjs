#!/usr/bin/env node
// The release rehearsal (a gate step; replaces the old tarball-only consumer test). In a clean copy of the working
// tree it checks that `pnpm pack` builds before packing (prepack), then runs the real release
// (`node scripts/release.mjs`: changeset version, a clean build, changeset publish) against a throwaway verdaccio
// on 127.0.0.1, with pnpm taken OFF the PATH as on a fresh machine. Then it installs the published packages with npm
// into a consumer project outside the workspace and runs it: ESM import, require(), TypeScript node16 and bundler,
// one real request. Everything lives in one temp folder that is removed at the end, and verdaccio is stopped. Each
// check is counted in .reports/release-rehearsal.json.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { BROWSER_ENTRY, budgetProblems, measureBrowserBundle } from './bundle-budget.mjs';
import { consumerFiles } from './lib/consumer-files.mjs';
import { registryRequest, startLocalRegistry } from './lib/local-registry.mjs';
import { pnpmCommand } from './lib/pnpm.mjs';
import { publishedPackages, workspaceRoot } from './lib/published-packages.mjs';
import { checkReleaseOutcome } from './lib/release-outcome.mjs';
import { copyWorkingTree } from './lib/working-tree-copy.mjs';

const work = mkdtempSync(join(tmpdir(), 'meta-release-rehearsal-'));
const tree = join(work, 'tree');
const consumer = join(work, 'consumer');
const results = [];
const started = Date.now();

/** The environment of a fresh shell: no npm_* variables inherited from the pnpm running the gate. */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('npm_')));
  return { ...env, TURBO_TELEMETRY_DISABLED: '1', CI: '1', ...extra };
}

/** PATH without any folder holding a `pnpm` (Node's own folder stays), as on a machine with only Node and npm. */
function pathWithoutPnpm() {
  const nodeFolder = dirname(process.execPath);
  const kept = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((folder) => folder === nodeFolder || !existsSync(join(folder, 'pnpm')));
  return [nodeFolder, ...kept.filter((folder) => folder !== nodeFolder)].join(delimiter);
}

function run(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...options });
  const output =
    `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim();
  return { ok: result.status === 0, output };
}

function check(title, outcome) {
  results.push({ title, status: outcome.ok ? 'passed' : 'failed' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${outcome.ok ? '✓' : '✗'} rehearsal: ${title} [${seconds} s]`);
  if (!outcome.ok) console.log(outcome.output.split('\n').slice(-40).join('\n'));
  return outcome.ok;
}

/** Changesets to release: the pending ones, or a temporary patch changeset for every package when there are none. */
function ensureChangeset(packages) {
  const folder = join(tree, '.changeset');
  const pending = readdirSync(folder).filter((file) => file.endsWith('.md') && file !== 'README.md');
  if (pending.length > 0) return `${pending.length} pending changeset(s)`;
  const frontmatter = packages.map((pkg) => `"${pkg.name}": patch`).join('\n');
  writeFileSync(join(folder, 'release-rehearsal.md'), `---\n${frontmatter}\n---\n\nRelease rehearsal.\n`);
  return 'a temporary changeset (none were pending)';
}

async function rehearse() {
  const files = copyWorkingTree(tree);
  const pnpm = pnpmCommand();
  const install = run(pnpm[0], [...pnpm.slice(1), 'install', '--frozen-lockfile', '--prefer-offline'], {
    cwd: tree,
    env: cleanEnv(),
  });
  if (!check(`clean copy of the working tree (${files} files) installs with the frozen lockfile`, install))
    return;

  checkFreshPack(pnpm);

  const registry = await startLocalRegistry(join(work, 'registry'));
  try {
    const host = registry.url.replace(/^http:/, '');
    const npmrc = `registry=${registry.url}\n${host}:_authToken=${registry.token}\n`;
    writeFileSync(join(tree, '.npmrc'), npmrc);
    const packages = publishedPackages().map((pkg) => ({
      ...pkg,
      directory: join(tree, 'packages', pkg.folder),
    }));
    const pending = ensureChangeset(packages);
    const release = run(process.execPath, ['scripts/release.mjs'], {
      cwd: tree,
      env: cleanEnv({ PATH: pathWithoutPnpm(), npm_config_registry: registry.url }),
    });
    if (!check(`pnpm release (${pending}; version, prepack builds, publish) with no pnpm on PATH`, release))
      return;

    const versions = packages.map((pkg) => {
      const { version } = JSON.parse(readFileSync(join(pkg.directory, 'package.json'), 'utf8'));
      return { ...pkg, version };
    });
    const listed = await Promise.all(
      versions.map(async (pkg) => {
        const { body } = await registryRequest('GET', `${registry.url}${pkg.name.replace('/', '%2f')}`);
        return body?.versions?.[pkg.version] !== undefined;
      }),
    );
    const summary = versions.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ');
    if (
      !check(`the registry serves ${summary}`, { ok: listed.every(Boolean), output: JSON.stringify(listed) })
    ) {
      return;
    }
    for (const [title, outcome] of await checkReleaseOutcome({ tree, registryUrl: registry.url, versions }))
      check(title, outcome);
    await runConsumer(registry.url, versions);
  } catch (error) {
    throw new Error(`${error?.stack ?? error}\nverdaccio said:\n${registry.output()}`);
  } finally {
    await registry.stop();
  }
}

/**
 * `pnpm pack` of @meta/rest in the fresh copy (nothing built yet): its prepack must build the workspace packages it
 * depends on and then itself, so the tarball holds dist/ and LICENSE (a fresh clone once packed empty packages).
 */
function checkFreshPack(pnpm) {
  const destination = join(work, 'packed');
  mkdirSync(destination);
  const pack = run(pnpm[0], [...pnpm.slice(1), 'pack', '--pack-destination', destination], {
    cwd: join(tree, 'packages', 'rest'),
    env: cleanEnv(),
  });
  const [tarball] = readdirSync(destination);
  const listing =
    tarball === undefined ? { ok: false, output: '' } : run('tar', ['tzf', join(destination, tarball)]);
  const files = new Set(listing.output.split('\n'));
  const complete = ['package/dist/index.js', 'package/dist/index.d.ts', 'package/LICENSE'].every((file) =>
    files.has(file),
  );
  check(
    'pnpm pack in the fresh copy builds @meta/rest and its dependencies first (dist/ and LICENSE packed)',
    {
      ok: pack.ok && listing.ok && complete,
      output: `${pack.output}\n${listing.output}`,
    },
  );
  // The packed manifest, as a consumer gets it: workspace ranges replaced, no workspace-only export condition.
  const manifest =
    tarball === undefined
      ? { ok: false, output: '' }
      : run('tar', ['-xzOf', join(destination, tarball), 'package/package.json']);
  check('the packed package.json has no workspace: range and no @meta/source condition', {
    ok: manifest.ok && !manifest.output.includes('workspace:') && !manifest.output.includes('@meta/source'),
    output: manifest.output,
  });
}

async function runConsumer(registryUrl, versions) {
  mkdirSync(consumer);
  const specifiers = versions.flatMap((pkg) => pkg.entryPoints.map((entry) => entry.specifier));
  writeFileSync(
    join(consumer, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  writeFileSync(join(consumer, '.npmrc'), `registry=${registryUrl}\n`);
  for (const [file, content] of Object.entries(consumerFiles(specifiers)))
    writeFileSync(join(consumer, file), content);
  const env = cleanEnv({
    npm_config_cache: join(work, 'npm-cache'),
    npm_config_userconfig: join(consumer, '.npmrc'),
  });
  const specs = versions.map((pkg) => `${pkg.name}@${pkg.version}`);
  const install = run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...specs,
      'typescript@5.9.3',
      '@types/node@^20.19.8',
    ],
    { cwd: consumer, env },
  );
  if (
    !check(
      'npm installs the published packages from the registry into a project outside the workspace',
      install,
    )
  ) {
    return;
  }
  const node = (file) => run(process.execPath, [file], { cwd: consumer, env });
  check(`ESM import of all ${specifiers.length} entry points`, node('esm.mjs'));
  check(`require() of every entry point on Node ${process.versions.node}`, node('require.cjs'));
  const tsc = join(consumer, 'node_modules', 'typescript', 'bin', 'tsc');
  for (const resolution of ['node16', 'bundler', 'nodenext']) {
    const outcome = run(process.execPath, [tsc, '-p', `tsconfig.${resolution}.json`], { cwd: consumer, env });
    const files = resolution === 'nodenext' ? ' (an ESM .ts and a CommonJS .cts)' : '';
    check(`TypeScript resolves the published types with moduleResolution "${resolution}"${files}`, outcome);
  }
  check(
    'the browser-safe entry points type-check without @types/node (skipLibCheck off)',
    run(process.execPath, [tsc, '-p', 'tsconfig.browser.json'], { cwd: consumer, env }),
  );
  check(
    'a consumer running with --conditions=@meta/source still loads the built packages',
    run(process.execPath, ['--conditions=@meta/source', 'esm.mjs'], { cwd: consumer, env }),
  );
  check(
    'without undici: imports work and the default transport fails with a ConfigError',
    node('no-undici.mjs'),
  );
  const bundle = await measureBrowserBundle(BROWSER_ENTRY, consumer).then(
    (measured) => ({ measured, problems: budgetProblems(measured) }),
    (error) => ({ measured: { gzipBytes: 0 }, problems: [String(error?.message ?? error)] }),
  );
  check(
    `esbuild browser bundle of REST + fetch transport from the installed packages (${bundle.measured.gzipBytes} B gzip)`,
    { ok: bundle.problems.length === 0, output: bundle.problems.join('\n') },
  );
  check('a real request: @meta/rest GET and a 404 against a loopback server', node('request.mjs'));
  if (!versions.some((pkg) => pkg.name === '@meta/openmetadata')) return;
  const openmetadata = node('openmetadata.mjs');
  if (openmetadata.output.trim() === 'absent')
    console.log('- rehearsal: @meta/openmetadata has no OpenMetadata yet');
  else check('@meta/openmetadata serverVersion() against a loopback server', openmetadata);
}

try {
  await rehearse();
} catch (error) {
  check('release rehearsal ran to the end', { ok: false, output: String(error?.stack ?? error) });
} finally {
  rmSync(work, { recursive: true, force: true });
}

const passed = results.filter((result) => result.status === 'passed').length;
const failed = results.length - passed;
console.log(
  `release rehearsal: ${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
mkdirSync(join(workspaceRoot, '.reports'), { recursive: true });
writeFileSync(
  join(workspaceRoot, '.reports', 'release-rehearsal.json'),
  JSON.stringify({
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 0,
    numTodoTests: 0,
    numFailedTestSuites: 0,
    testResults: [{ name: 'release-rehearsal', assertionResults: results }],
  }),
);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
