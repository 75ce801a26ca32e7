import { createTransportHeaders } from '@meta/transport/adapter';
import { expect, test } from 'vitest';
import { emptyHeaders } from '../src/empty-headers.js';

test('the stand-in headers of a status-only response answer like an empty header record', () => {
  const empty = emptyHeaders();
  const reference = createTransportHeaders({});
  for (const name of ['content-type', 'Retry-After', 'constructor', '__proto__']) {
    expect(empty.get(name), name).toBe(reference.get(name));
    expect(empty.getAll(name), name).toEqual(reference.getAll(name));
    expect(empty.has(name), name).toBe(reference.has(name));
  }
  expect([...empty]).toEqual([...reference]);
  expect([...empty.entries()]).toEqual([]);
  expect(empty.toRecord()).toEqual(reference.toRecord());
});

test('each stand-in is its own object: a caller changing one never changes another', () => {
  const first = emptyHeaders();
  first.toRecord().injected = 'x';
  (first as { get: unknown }).get = () => 'changed';
  expect(emptyHeaders().get('injected')).toBeNull();
  expect(emptyHeaders().toRecord()).toEqual({});
});
