#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests, installing the `chromium` apt
// package when it is missing (about 30 s). Nothing here downloads a browser build from anywhere else: playwright-core
// drives the system binary. Fails with a clear message on a machine without apt-get or without root.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromiumPath = process.env.META_CHROMIUM_PATH ?? '/usr/bin/chromium';

function version() {
  const result = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function run(command, args) {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

function install() {
  if (!existsSync('/usr/bin/apt-get')) {
    console.error(
      `chromium: not found at ${chromiumPath} and this machine has no apt-get. Install Chromium with the ` +
        'system package manager, or point META_CHROMIUM_PATH at a Chromium binary.',
    );
    return false;
  }
  const asRoot = process.getuid?.() === 0;
  if (!asRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    console.error(
      `chromium: not found at ${chromiumPath}; installing it needs root (CI runs as root): ` +
        'run "apt-get update && apt-get install -y chromium" as root',
    );
    return false;
  }
  const command = asRoot ? ['apt-get'] : ['sudo', '-n', 'apt-get'];
  const aptGet = (...args) => run(command[0], [...command.slice(1), ...args]);
  return aptGet('update') && aptGet('install', '-y', 'chromium');
}

const found = existsSync(chromiumPath) ? version() : undefined;
if (found) {
  console.log(`chromium: ${found} at ${chromiumPath}`);
} else if (!install() || !version()) {
  console.error(`chromium: still no working Chromium at ${chromiumPath}`);
  process.exit(1);
} else {
  console.log(`chromium: installed ${version()} at ${chromiumPath}`);
}
