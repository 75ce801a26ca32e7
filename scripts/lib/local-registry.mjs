// A throwaway npm registry for the release rehearsal: verdaccio on 127.0.0.1 (a free port), its config, storage
// and htpasswd in a folder the caller owns and deletes. `@meta/*` is served only from what gets published here
// (never proxied, so a package of the same name on npmjs cannot stand in for ours); everything else is proxied
// from the upstream registry. Publishing needs a login, so a throwaway user is created through the registry's
// own API and its token handed back.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { workspaceRoot } from './published-packages.mjs';

/**
 * One JSON exchange with the registry on a fresh connection (`agent: false`): global fetch would reuse a pooled
 * keep-alive socket that verdaccio closed while the release ran minutes long, and fail with "fetch failed".
 * Resolves to `{ status, body }` (body undefined when it is not JSON).
 */
export function registryRequest(method, url, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = payload === undefined ? {} : { 'content-type': 'application/json' };
    const outgoing = request(url, { method, agent: false, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => {
        text += chunk;
      });
      response.on('end', () => {
        let parsed;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ status: response.statusCode ?? 0, body: parsed });
      });
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** A port nobody listens on right now (the OS picks it; verdaccio cannot report a port 0 it was given). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function configYaml(folder, upstream) {
  return [
    `storage: ${JSON.stringify(join(folder, 'storage'))}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(join(folder, 'htpasswd'))}`,
    '    max_users: 1',
    'uplinks:',
    '  upstream:',
    `    url: ${JSON.stringify(upstream)}`,
    '    timeout: 60s',
    'packages:',
    "  '@meta/*':",
    '    access: $all',
    '    publish: $authenticated',
    "  '**':",
    '    access: $all',
    '    publish: $authenticated',
    '    proxy: upstream',
    'web:',
    '  enable: false',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
}

async function waitUntilUp(url, child, deadline) {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited with code ${child.exitCode}`);
    try {
      const response = await registryRequest('GET', `${url}-/ping`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('verdaccio did not answer /-/ping within 60 s');
}

async function createUser(url) {
  const name = 'rehearsal';
  const password = `throwaway-${process.pid}-${Date.now()}`;
  const { status, body } = await registryRequest('PUT', `${url}-/user/org.couchdb.user:${name}`, {
    name,
    password,
    type: 'user',
    roles: [],
  });
  if (status !== 201 || typeof body?.token !== 'string') {
    throw new Error(`verdaccio refused the throwaway user: ${status} ${JSON.stringify(body)}`);
  }
  return body.token;
}

/**
 * Starts verdaccio with everything under `folder`. Resolves to `{ url, token, stop }`; `stop()` ends the process
 * and resolves once it has exited. The caller removes `folder`.
 */
export async function startLocalRegistry(folder, { upstream = 'https://registry.npmjs.org/' } = {}) {
  mkdirSync(join(folder, 'storage'), { recursive: true });
  writeFileSync(join(folder, 'config.yaml'), configYaml(folder, upstream));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const executable = join(workspaceRoot, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  const child = spawn(
    process.execPath,
    [executable, '--config', join(folder, 'config.yaml'), '--listen', `127.0.0.1:${port}`],
    {
      cwd: folder,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, VERDACCIO_HANDLE_KILL_SIGNALS: 'true' },
    },
  );
  let output = '';
  const keep = (chunk) => {
    output = `${output}${chunk}`.slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitUntilUp(url, child, Date.now() + 60_000);
    const token = await createUser(url);
    return { url, token, stop, output: () => output };
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${output}`);
  }
}
