import { createMockApi } from './src/mock/index.js';
import { runSession } from './src/session/run-session.js';
for (const transport of ['fetch', 'undici'] as const) {
const run = await runSession({ transport, target: { kind: 'mock', mock: createMockApi() }, onStart: (t, d) => console.log('start', t, d), onStep: (s) => console.log(s.index, s.id, s.status, s.attempts, Math.round(s.elapsedMs), s.error?.name, s.error?.message, s.summary, JSON.stringify(s.events), s.surprises) });
}
console.log('done');
