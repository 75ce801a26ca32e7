import { expect, test } from 'vitest';
import * as errors from '../src/index.js';
import { ERROR_FACTORIES, GUARDS } from './every-error-class.js';

const classNames = Object.keys(ERROR_FACTORIES);
const pairs = classNames.flatMap((errorName) =>
  classNames.map((guardName) => [errorName, guardName] as const),
);

test.each(pairs)(
  'a %s satisfies is%s exactly when it is that class or a subclass of it',
  (errorName, guardName) => {
    const error = ERROR_FACTORIES[errorName]!();
    const expected = errorName === guardName || guardName === 'MetaError';
    expect(GUARDS[guardName]!(error)).toBe(expected);
    const errorClass = (errors as unknown as Record<string, new (...args: never[]) => unknown>)[guardName]!;
    expect(error instanceof errorClass).toBe(expected);
  },
);

const notErrors: Array<[string, unknown]> = [
  ['null', null],
  ['undefined', undefined],
  ['a string', 'APIError'],
  ['a number', 404],
  ['a plain object shaped like an error', { name: 'APIError', code: 404, message: 'x', statusCode: 404 }],
  ['a platform Error', new Error('x')],
  ['a TypeError named like ours', Object.assign(new TypeError('x'), { name: 'NetworkError' })],
  ['a DOMException named TimeoutError', new DOMException('timed out', 'TimeoutError')],
  ['an object whose brand is not an array', { [Symbol.for('@meta/errors.kinds')]: 'APIError' }],
  [
    'a proxy whose get trap throws',
    new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
      },
    ),
  ],
];

test.each(notErrors)('every guard answers false for %s', (_label, value) => {
  for (const guard of Object.values(GUARDS)) expect(guard(value)).toBe(false);
});

test.each(notErrors)('instanceof answers false for %s', (_label, value) => {
  expect(value instanceof errors.MetaError).toBe(false);
  expect(value instanceof errors.APIError).toBe(false);
});

test('a caller subclass of APIError passes isAPIError and instanceof APIError', () => {
  class NotFoundError extends errors.APIError {}
  const error = new NotFoundError({ message: 'gone' }, { response: { status: 404 } });
  expect(errors.isAPIError(error)).toBe(true);
  expect(error instanceof errors.APIError).toBe(true);
  expect(error instanceof NotFoundError).toBe(true);
  expect(error.name).toBe('NotFoundError');
});

test('a plain APIError is not an instance of a caller subclass of APIError', () => {
  class NotFoundError extends errors.APIError {}
  expect(new errors.APIError({ message: 'x' }) instanceof NotFoundError).toBe(false);
});
