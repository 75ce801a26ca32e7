import { isClientClosedError, isTimeoutError } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { createStuckSleep } from './helpers/fake-time.js';
import { jsonStep as json, routedTransport } from './helpers/testing-steps.js';

test('after close() new calls reject at once with ClientClosedError and nothing is sent', async () => {
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport });
  await rest.close();
  await expect(rest.get('/x')).rejects.toSatisfy(isClientClosedError);
  expect(transport.sent).toHaveLength(0);
  await rest.close();
});

test('close() releases a call waiting in backoff with ClientClosedError', async () => {
  const stuck = createStuckSleep();
  const transport = routedTransport(() => json(504, {}));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, sleep: stuck.sleep });
  const call = rest.get('/x').catch((caught: unknown) => caught);
  while (stuck.started.length === 0) await new Promise((resolve) => setImmediate(resolve));
  await rest.close();
  expect(isClientClosedError(await call)).toBe(true);
  expect(transport.sent).toHaveLength(1);
});

test('close() releases a call waiting on the token provider', async () => {
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    authToken: () => new Promise(() => {}),
  });
  const call = rest.get('/x').catch((caught: unknown) => caught);
  await rest.close();
  expect(isClientClosedError(await call)).toBe(true);
  expect(transport.sent).toHaveLength(0);
});

test('an exchange already on the wire finishes and close() waits for it', async () => {
  let answer!: () => void;
  const transport = routedTransport(
    () =>
      new Promise((resolve) => {
        answer = () => resolve(json(200, { done: true }));
      }),
  );
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport });
  const call = rest.get('/x');
  let closed = false;
  const closing = rest.close().then(() => {
    closed = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  expect(closed).toBe(false);
  answer();
  await expect(call).resolves.toEqual({ done: true });
  await closing;
  expect(closed).toBe(true);
});

test('close() never closes a passed transport, and closes an owned one', async () => {
  const transport = routedTransport(() => json(200, {}));
  await new REST({ baseUrl: 'https://metadata.test/api', transport }).close();
  expect(transport.testing.closed).toBe(false);
  const owned = new REST({ baseUrl: 'https://metadata.test/api' });
  await owned.close();
  await expect(owned.get('/x')).rejects.toSatisfy(isClientClosedError);
});

test('await using closes the client at the end of the scope', async () => {
  const transport = routedTransport(() => json(200, {}));
  let escaped: REST | undefined;
  {
    await using rest = new REST({ baseUrl: 'https://metadata.test/api', transport });
    escaped = rest;
  }
  await expect(escaped.get('/x')).rejects.toSatisfy(isClientClosedError);
});

test('an abort rejects with signal.reason, also during backoff', async () => {
  const transport = routedTransport(() => json(504, {}));
  const stuck = createStuckSleep();
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, sleep: stuck.sleep });
  const aborted = AbortSignal.abort(new Error('caller gave up'));
  await expect(rest.get('/x', undefined, { signal: aborted })).rejects.toThrow('caller gave up');
  expect(transport.sent).toHaveLength(0);
  const controller = new AbortController();
  const call = rest.get('/x', undefined, { signal: controller.signal }).catch((caught: unknown) => caught);
  while (stuck.started.length === 0) await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  expect(((await call) as Error).name).toBe('AbortError');
  await rest.close();
});

test('totalTimeoutMs bounds the wait for the token provider', async () => {
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport,
    totalTimeoutMs: 20,
    authToken: () => new Promise(() => {}),
  });
  const error = await rest.get('/x').catch((caught: unknown) => caught);
  expect(isTimeoutError(error) && error.phase).toBe('total');
  await rest.close();
});

test('the per-attempt timeoutMs and the response size limit reach the transport', async () => {
  const transport = routedTransport(() => json(200, {}));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, timeoutMs: 1234 });
  await rest.get('/x');
  await rest.get('/x', undefined, { timeoutMs: 99 });
  expect(transport.sent[0]).toMatchObject({ timeoutMs: 1234, maxResponseBytes: 64 * 1024 * 1024 });
  expect(transport.sent[1]!.timeoutMs).toBe(99);
});

test('close({ force: true }) aborts an exchange on the wire: the call rejects with ClientClosedError', async () => {
  const transport = routedTransport(() => ({ fail: 'hang' }));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, timeoutMs: 60_000 });
  const call = rest.get('/x').catch((caught: unknown) => caught);
  while (transport.sent.length === 0) await new Promise((resolve) => setImmediate(resolve));
  await rest.close({ force: true });
  expect(isClientClosedError(await call)).toBe(true);
});

test('a forced close also aborts a call that has its own signal, and releases that signal', async () => {
  const transport = routedTransport(() => ({ fail: 'hang' }));
  const rest = new REST({ baseUrl: 'https://metadata.test/api', transport, timeoutMs: 60_000 });
  const controller = new AbortController();
  const call = rest.get('/x', undefined, { signal: controller.signal }).catch((caught: unknown) => caught);
  while (transport.sent.length === 0) await new Promise((resolve) => setImmediate(resolve));
  const graceful = rest.close();
  await rest.close({ force: true });
  await graceful;
  expect(isClientClosedError(await call)).toBe(true);
  controller.abort();
});

test('close() options must be a plain object', async () => {
  const rest = new REST({
    baseUrl: 'https://metadata.test/api',
    transport: routedTransport(() => json(200, {})),
  });
  await expect(rest.close('force' as never)).rejects.toMatchObject({ name: 'ConfigError', field: 'options' });
  await rest.close();
});
