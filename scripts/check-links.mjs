#!/usr/bin/env node
// The repository stands alone (SPEC 9, issue 13): every relative link in every Markdown file resolves to a file or
// folder inside the repository (inside its package, for a published package's Markdown), and no tracked file refers to the `shared/` folder that sits beside the repository
// on the original authors' machines. Web links (http, https, mailto) are not followed: this check must not depend on
// the network. Links inside code (fenced blocks, inline code) are not links and are skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { linkTargets } from './lib/markdown.mjs';
import { publishedPackages, workspaceRoot } from './lib/published-packages.mjs';

// A published package's Markdown is read on npm, where only the package's own files exist: a relative link that
// leaves the package folder resolves in the repository and is broken on npm.
const packageFolders = publishedPackages().map(({ directory }) => relative(workspaceRoot, directory) + sep);

const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  cwd: workspaceRoot,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
})
  .split('\0')
  .filter((file) => file !== '' && existsSync(join(workspaceRoot, file)));

const problems = [];
let checked = 0;
for (const file of files.filter((name) => name.endsWith('.md'))) {
  for (const { target, line } of linkTargets(readFileSync(join(workspaceRoot, file), 'utf8'))) {
    if (/^(https?:|mailto:)/i.test(target) || target.startsWith('#')) continue;
    checked += 1;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) {
      problems.push(`${file}:${line}: ${target} is not a relative link into the repository`);
      continue;
    }
    const path = decodeURIComponent(target.split('#')[0].split('?')[0]);
    const absolute = resolve(workspaceRoot, dirname(file), path);
    const inside = relative(workspaceRoot, absolute);
    if (inside.startsWith(`..${sep}`) || inside === '..') {
      problems.push(`${file}:${line}: ${target} points outside the repository`);
    } else if (!existsSync(absolute)) {
      problems.push(`${file}:${line}: ${target} points to a missing file`);
    } else {
      const packageFolder = packageFolders.find((folder) => file.startsWith(folder));
      if (packageFolder !== undefined && !`${inside}${sep}`.startsWith(packageFolder)) {
        problems.push(`${file}:${line}: ${target} leaves the published package (broken on npm)`);
      }
    }
  }
}

// Built from parts so this file does not match itself.
const besideTheRepository = new RegExp(['(\\.\\./)+', 'shared', '/'].join(''));
for (const file of files) {
  if (statSync(join(workspaceRoot, file)).size > 2_000_000 || /\.(png|gz|tgz|ico|woff2?)$/.test(file))
    continue;
  const lines = readFileSync(join(workspaceRoot, file), 'utf8').split('\n');
  lines.forEach((text, index) => {
    if (besideTheRepository.test(text))
      problems.push(`${file}:${index + 1}: refers to a folder beside the repository`);
  });
}

for (const problem of problems) console.error(`✗ ${problem}`);
console.log(
  problems.length === 0
    ? `✓ ${checked} relative links in Markdown resolve inside the repository; nothing refers to ../shared`
    : `✗ ${problems.length} link problem(s)`,
);
process.exit(problems.length === 0 ? 0 : 1);
