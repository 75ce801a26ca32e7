/**
 * Run by close-lifecycle.test.ts in a child Node process: a call in flight, one in backoff (real timer sleep) and
 * one waiting on the token provider, then close() (or `close({ force: true })` with CLOSE_MODE=force, which
 * aborts the held exchange instead of waiting for it). It prints what each call did and must then exit on its
 * own: no process.exit(), so a leaked socket or timer would keep it alive and fail the test.
 */
import { createFetchTransport } from '@meta/transport';
import { REST } from '../../src/index.js';

const origin = process.env.FAULT_ORIGIN!;
const kind = process.env.TRANSPORT_KIND;
const force = process.env.CLOSE_MODE === 'force';
let providerCalls = 0;
let retriesLogged = 0;
const rest = new REST({
  baseUrl: origin,
  retryCodes: [503],
  logger: { warn: () => retriesLogged++ },
  authToken: () => {
    providerCalls++;
    // The first token works; the refresh forced by the 401 never answers.
    return providerCalls === 1 ? ['child-token', 3600] : new Promise(() => {});
  },
  ...(kind === 'fetch' ? { transport: createFetchTransport() } : {}),
});

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => `resolved ${JSON.stringify(value)}`,
    (error: Error) => `rejected ${error.name}`,
  );

const inFlight = outcome(rest.get('/slow'));
const inBackoff = outcome(rest.get('/unavailable'));
const onProvider = outcome(rest.get('/unauthorized'));
// Close once the backoff and the provider wait began; `/slow` is held by the server until released below.
while (retriesLogged < 1 || providerCalls < 2) await new Promise((resolve) => setTimeout(resolve, 5));
const closing = rest.close({ force });
// Released out of band (not through the client): the held exchange may now finish, and close() waits for it.
// A forced close needs no release: it aborts the exchange, and the server never answers it.
if (!force) await fetch(`${origin}/release`);
await closing;
const afterClose = await outcome(rest.get('/slow'));
console.log(
  JSON.stringify({
    inFlight: await inFlight,
    inBackoff: await inBackoff,
    onProvider: await onProvider,
    afterClose,
  }),
);
