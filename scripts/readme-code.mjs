#!/usr/bin/env node
// README code blocks are part of the product: every ```ts block in the root README and in each package's and app's
// README is type-checked against the workspace packages (through the @meta/source condition, like the tests), and
// the blocks marked `run` are also executed. The info string after ```ts decides (see docs/readme-examples.md):
//   ```ts            type-checked
//   ```ts run        type-checked, then run with Node (tsx); it must exit 0 within 60 s, using only loopback
//                    servers, MSW or the testing transport
//   ```ts fragment   neither: a partial snippet that cannot stand alone (counted and listed, so it stays rare)
// Each block is one module, written beside its README (so it resolves that package's dependencies) in a
// `.readme-code/` folder that is removed afterwards; errors are reported as README.md:line. Every published entry
// point is mapped to its source (tsconfig `paths`, which tsx honours too), so any README may import any package.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { typescriptBlocks } from './lib/markdown.mjs';
import { publishedPackages, workspaceRoot } from './lib/published-packages.mjs';

const bin = (name) => join(workspaceRoot, 'node_modules', '.bin', name);
const readmes = [
  'README.md',
  ...['packages', 'apps'].flatMap((group) =>
    readdirSync(join(workspaceRoot, group))
      .sort()
      .map((folder) => join(group, folder, 'README.md')),
  ),
].filter((file) => existsSync(join(workspaceRoot, file)));

/** The ```ts blocks of one README, each with the README's path. */
function blocksOf(readme) {
  try {
    return typescriptBlocks(readFileSync(join(workspaceRoot, readme), 'utf8')).map((block) => ({
      ...block,
      readme,
    }));
  } catch (error) {
    throw new Error(`${readme}: ${error.message}`);
  }
}

const blocks = readmes.flatMap(blocksOf);
const folders = new Set();
const problems = [];
for (const block of blocks) {
  if (block.unknown.length > 0)
    problems.push(`${block.readme}:${block.line - 1}: unknown marker(s) ${block.unknown}`);
  if (block.mode === 'fragment') continue;
  const folder = join(workspaceRoot, block.readme, '..', '.readme-code');
  folders.add(folder);
  mkdirSync(folder, { recursive: true });
  block.file = join(folder, `readme-line-${block.line}.ts`);
  // `export {}` makes every block its own module, so two blocks may declare the same names.
  writeFileSync(block.file, `${block.code}\nexport {};\n`);
}

/** tsc output with the generated file positions turned into README positions. */
function toReadmePositions(output) {
  return output.replace(
    /([^\s(]*\.readme-code\/readme-line-(\d+)\.ts)\((\d+),(\d+)\)/g,
    (_, file, start, row) => {
      const readme = relative(workspaceRoot, join(workspaceRoot, file, '..', '..', 'README.md'));
      return `${readme}:${Number(start) + Number(row) - 1}`;
    },
  );
}

const tsconfig = join(workspaceRoot, '.readme-code.tsconfig.json');
try {
  const checked = blocks.filter((block) => block.file !== undefined);
  const paths = Object.fromEntries(
    publishedPackages().flatMap((pkg) =>
      pkg.entryPoints.map((entry) => [
        entry.specifier,
        [`./${relative(workspaceRoot, join(pkg.directory, entry.source))}`],
      ]),
    ),
  );
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: './tsconfig.base.json',
      compilerOptions: { noEmit: true, noUnusedLocals: false, noUnusedParameters: false, paths },
      files: checked.map((block) => relative(workspaceRoot, block.file)),
    }),
  );
  const tsc = spawnSync(bin('tsc'), ['-p', tsconfig, '--pretty', 'false'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  });
  if (tsc.status !== 0)
    problems.push(`type errors:\n${toReadmePositions(`${tsc.stdout}${tsc.stderr}`).trim()}`);
  else console.log(`✓ ${checked.length} README code blocks type-check`);

  for (const block of blocks.filter((candidate) => candidate.mode === 'run')) {
    const run = spawnSync(process.execPath, ['--conditions=@meta/source', '--import', 'tsx', block.file], {
      cwd: join(block.file, '..'),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NODE_OPTIONS: '', TSX_TSCONFIG_PATH: tsconfig },
    });
    const where = `${block.readme}:${block.line}`;
    if (run.status === 0) console.log(`✓ ran ${where}`);
    else
      problems.push(
        `${where} failed when run (exit ${run.status ?? run.signal}):\n${run.stdout}${run.stderr}`,
      );
  }
} finally {
  rmSync(tsconfig, { force: true });
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
}

const fragments = blocks.filter((block) => block.mode === 'fragment');
for (const block of fragments) console.log(`- fragment (not checked): ${block.readme}:${block.line}`);
for (const problem of problems) console.error(`✗ ${problem}`);
const ran = blocks.filter((block) => block.mode === 'run').length;
console.log(
  `${problems.length === 0 ? '✓' : '✗'} README code: ${blocks.length} blocks, ${ran} run, ${fragments.length} fragments` +
    (problems.length === 0 ? '' : `, ${problems.length} problem(s)`),
);
process.exit(problems.length === 0 ? 0 : 1);
