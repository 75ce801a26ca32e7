// A clean copy of the working tree for the release rehearsal: every tracked file plus every untracked file git
// does not ignore (so uncommitted work is rehearsed too, and a fresh CI clone gives exactly HEAD), without
// node_modules, dist/ or caches. Publishing from it can never pick up a stale build.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workspaceRoot } from './published-packages.mjs';

/** Copies the tree into `destination` (created); returns the number of files copied. */
export function copyWorkingTree(destination) {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: workspaceRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let copied = 0;
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    const source = join(workspaceRoot, file);
    // A tracked file deleted in the working tree is not part of what would be committed next.
    if (!existsSync(source) || !lstatSync(source).isFile()) continue;
    mkdirSync(dirname(join(destination, file)), { recursive: true });
    copyFileSync(source, join(destination, file));
    copied += 1;
  }
  return copied;
}
