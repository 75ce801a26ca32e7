import { expect, test } from 'vitest';
import { isMetaError, isTimeoutError, MetaError, TimeoutError, type TimeoutPhase } from '../src/index.js';

test('is named TimeoutError, coded ERR_TIMEOUT and recognised by its guard', () => {
  const error = new TimeoutError({ phase: 'total' });
  expect(error.name).toBe('TimeoutError');
  expect(error.code).toBe('ERR_TIMEOUT');
  expect(error).toBeInstanceOf(MetaError);
  expect(isTimeoutError(error)).toBe(true);
  expect(isMetaError(error)).toBe(true);
});

test.each<TimeoutPhase>(['connect', 'headers', 'body', 'total'])('keeps the %s phase', (phase) => {
  expect(new TimeoutError({ phase }).phase).toBe(phase);
});

test('names the method, the redacted URL, the phase and the deadline', () => {
  const error = new TimeoutError({
    phase: 'headers',
    timeoutMs: 5000,
    method: 'delete',
    url: 'https://meta.example/api/v1/tables/1?api_key=k1',
  });
  expect(error.message).toBe(
    'DELETE https://meta.example/api/v1/tables/1?api_key=**** timed out (headers) after 5000 ms',
  );
  expect(error.timeoutMs).toBe(5000);
  expect(error.method).toBe('DELETE');
  expect(error.url).toBe('https://meta.example/api/v1/tables/1?api_key=****');
});

test('reads well without a target or a deadline', () => {
  const error = new TimeoutError({ phase: 'connect' });
  expect(error.message).toBe('timed out (connect)');
  expect(error.timeoutMs).toBeUndefined();
  expect(error.url).toBeUndefined();
});

test('keeps its cause', () => {
  const cause = new DOMException('The operation timed out.', 'TimeoutError');
  expect(new TimeoutError({ phase: 'total', cause }).cause).toBe(cause);
});

test('serialises phase and deadline to JSON', () => {
  expect(new TimeoutError({ phase: 'body', timeoutMs: 7 }).toJSON()).toMatchObject({
    name: 'TimeoutError',
    code: 'ERR_TIMEOUT',
    phase: 'body',
    timeoutMs: 7,
  });
});
