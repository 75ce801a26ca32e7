/**
 * Deep redaction of JSON-like values (parsed error bodies, recorded request bodies). Kept apart from the
 * redactor because it is the one place that walks a graph: it copies each object once (so cycles and shared
 * subtrees cost linear time), stops at a fixed depth, and survives getters and proxies that throw.
 */
import type { Redactor } from './redaction.js';
import { isSensitiveParameterName, maskCredentials, REDACTED } from './sensitive-names.js';

/** Deeper than this, a value is replaced by {@link TOO_DEEP}: a body nested this deep is hostile, not data. */
const MAX_DEPTH = 32;
const TOO_DEEP = '[too deep]';
const UNREADABLE = '[unreadable]';

type Copies = Map<object, unknown>;

/** A deep copy of `value` with secrets masked in every string and under every sensitive key. */
export function redactValue(value: unknown, redactor: Redactor): unknown {
  return redactAt(value, redactor, 0, new Map());
}

function redactAt(value: unknown, redactor: Redactor, depth: number, copies: Copies): unknown {
  if (typeof value === 'string') return redactor.text(value);
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return TOO_DEEP;
  const known = copies.get(value);
  if (known !== undefined) return known;
  try {
    if (Array.isArray(value)) {
      const copy: unknown[] = [];
      copies.set(value, copy);
      for (const item of value) copy.push(redactAt(item, redactor, depth + 1, copies));
      return copy;
    }
    if (value instanceof URL) return redactor.url(value);
    if (value instanceof Error) return { name: value.name, message: redactor.text(String(value.message)) };
    const prototype = Object.getPrototypeOf(value);
    // Dates, typed arrays and class instances carry no JSON-shaped secrets; they are kept as they are.
    if (prototype !== Object.prototype && prototype !== null) return value;
    return copyRecord(value as Record<string, unknown>, redactor, depth, copies);
  } catch {
    return UNREADABLE;
  }
}

function copyRecord(
  record: Record<string, unknown>,
  redactor: Redactor,
  depth: number,
  copies: Copies,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  copies.set(record, copy);
  for (const key of Object.keys(record)) {
    let item: unknown;
    try {
      item = record[key];
    } catch {
      item = UNREADABLE;
    }
    // defineProperty, not assignment: a `__proto__` key in a parsed body must stay a plain key.
    Object.defineProperty(copy, key, {
      value: redactEntry(key, item, redactor, depth, copies),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function redactEntry(key: string, item: unknown, redactor: Redactor, depth: number, copies: Copies): unknown {
  const primitive = typeof item === 'string' || typeof item === 'number' || typeof item === 'bigint';
  if (primitive && redactor.isSensitiveHeader(key)) return redactor.text(maskCredentials(String(item)));
  if (primitive && isSensitiveParameterName(key)) return REDACTED;
  return redactAt(item, redactor, depth + 1, copies);
}
