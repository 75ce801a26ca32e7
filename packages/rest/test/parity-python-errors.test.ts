/*
 * Round-3 parity of the error model with the Python original, as a Python user reaches for it: `APIError(error,
 * http_error)` built by hand (mixins, tests), `str(e)`, `e.code`, `e.status_code`, and a bare `RetryException()`.
 * The rest README's "Coming from Python" section states each mapping; these tests hold it to the code.
 */
import { APIError, isConfigError, isRetryException, RetryException } from '@meta/errors';
import { expect, test } from 'vitest';
import { REST } from '../src/index.js';
import { createFakeTime } from './helpers/fake-time.js';
import { jsonStep, routedTransport } from './helpers/testing-steps.js';

test('APIError(error) by hand: message and code from the body, no status, like Python', () => {
  // Python: APIError({"code": 404, "message": "..."}) -> str(e) is the message, e.code 404, e.status_code None.
  const error = new APIError({ code: 404, message: 'Entity with id [x] not found.' });
  expect(error.message).toBe('Entity with id [x] not found.');
  expect(error.code).toBe(404);
  expect(error.statusCode).toBeUndefined();
  expect(error.request).toBeUndefined();
  expect(error.response).toBeUndefined();
  // `str(e)` is the message; JavaScript's `String(e)` prefixes the class name.
  expect(String(error)).toBe('APIError: Entity with id [x] not found.');
});

test('APIError(error, httpInfo): statusCode from the response, code from the body, secrets masked', () => {
  const error = new APIError(
    { code: 'ENTITY_EXISTS', message: 'Entity already exists' },
    {
      request: {
        method: 'POST',
        url: 'https://om.test/api/v1/tables',
        headers: { Authorization: 'Bearer abc.def.ghi' },
      },
      response: { status: 409, statusText: 'Conflict', headers: {}, body: '' },
    },
  );
  expect([error.statusCode, error.code, error.message]).toEqual([
    409,
    'ENTITY_EXISTS',
    'Entity already exists',
  ]);
  expect(error.request?.headers).toEqual({ Authorization: 'Bearer ****' });
});

test('APIError without a code in the body: code is the HTTP status (Python raised KeyError)', () => {
  const error = new APIError(
    { message: 'no code here' },
    { response: { status: 502, statusText: '', headers: {} } },
  );
  expect([error.code, error.statusCode, error.message]).toEqual([502, 502, 'no code here']);
});

test('a real 404 from OpenMetadata: the same fields a Python caller reads', async () => {
  const transport = routedTransport(() =>
    jsonStep(404, { code: 404, message: 'table instance for x not found' }),
  );
  const client = new REST({ baseUrl: 'https://om.test/api', transport, retry: 0 });
  const error = await client.get('/tables/name/x').catch((caught: unknown) => caught);
  if (!(error instanceof APIError)) throw error;
  expect([error.statusCode, error.code, error.message]).toEqual([404, 404, 'table instance for x not found']);
  expect(error.response?.body).toEqual({ code: 404, message: 'table instance for x not found' });
  await client.close();
});

test('RetryException() with no arguments, like Python; a bare string is a ConfigError (pass { message })', () => {
  const bare = new RetryException();
  expect(isRetryException(bare)).toBe(true);
  expect([bare.message, bare.code, bare.attempt]).toEqual(['Retryable failure', 'ERR_RETRY', undefined]);
  expect(new RetryException({ message: 'rate limited' }).message).toBe('rate limited');
  let thrown: unknown;
  try {
    new RetryException('rate limited' as never);
  } catch (error) {
    thrown = error;
  }
  expect(isConfigError(thrown)).toBe(true);
});

test('a hook throwing a bare RetryException() retries after retryWait × attempt, like the Python loop', async () => {
  let calls = 0;
  const transport = routedTransport(() => jsonStep(200, { n: ++calls }));
  const time = createFakeTime();
  const client = new REST({
    baseUrl: 'https://om.test/api',
    transport,
    retryWait: 2,
    sleep: time.sleep,
    clock: time.clock,
    logger: {},
    hooks: {
      afterResponse: (_response, _request, context) => {
        if (context.attempt < 3) throw new RetryException();
      },
    },
  });
  await expect(client.get('/tables')).resolves.toEqual({ n: 3 });
  expect(time.sleeps).toEqual([2000, 4000]);
  await client.close();
});
