import { spawn } from 'node:child_process';
const server = spawn(process.execPath, ['/tmp/t1/bench/server.mjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise<string>((r) => server.stdout.once('data', (d) => r(String(d).trim())));
const url = `http://127.0.0.1:${port}/t`;
const mod = await import('../src/.undici-exp/index.js');
const t = mod.createUndiciTransport({ proxy: false } as never);
const send = async () => (await t.send({ method: 'GET', url, headers: {}, timeoutMs: 10000 })).json();
async function run(n: number) { let i = 0; await Promise.all(Array.from({ length: 32 }, async () => { while (i++ < n) await send(); })); }
await run(5000);
const results = [];
for (let round = 0; round < 4; round++) {
  const c = process.cpuUsage(); const t0 = performance.now();
  await run(20000);
  const cpu = process.cpuUsage(c);
  results.push(`${((cpu.user + cpu.system) / 20000).toFixed(1)}us`);
}
console.log(process.env.EXP, results.join(' | '));
await t.close(); server.kill(); await new Promise((r) => setTimeout(r, 300)); process.exit(0);
