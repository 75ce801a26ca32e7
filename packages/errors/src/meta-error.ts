import { inspectError } from '#error-inspection';
import { safeString, UNPRINTABLE } from './header-entries.js';
import { type Redactor, type RedactorOptions, redactorOf } from './redaction.js';

/**
 * The brand every `@meta` error carries: a list of the kinds (class names) it is an instance of. `Symbol.for`
 * makes it the same symbol in every installed copy of this package, so the `isX()` guards and `instanceof`
 * agree across copies (two versions in one `node_modules`, or a bundled and an unbundled copy).
 */
export const ERROR_KINDS: unique symbol = Symbol.for('@meta/errors.kinds') as never;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What every `@meta` error constructor accepts besides its own fields. */
export interface MetaErrorOptions extends RedactorOptions {
  /** The underlying error, kept as the standard `cause`. */
  readonly cause?: unknown;
  /** A redactor to use instead of building one from `sensitiveHeaders` and `secrets`. */
  readonly redactor?: Redactor | undefined;
}

/** True when `value` is branded with `kind` by any copy of @meta/errors. */
export function hasErrorKind(value: unknown, kind: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  try {
    const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
    return Array.isArray(kinds) && kinds.includes(kind);
  } catch {
    // A proxy whose `get` throws is not one of ours; a guard must answer, not throw.
    return false;
  }
}

/**
 * The base class of every `@meta` error. It carries a stable machine-readable `code`, keeps `cause`, and keeps
 * secrets out of `message`, `stack`, `toJSON()` and `util.inspect` by redacting at construction time: nothing
 * secret is ever stored on the error, so nothing can leak from it later.
 */
export class MetaError extends Error {
  /** The kind used by the brand; subclasses override it with their class name. */
  static readonly kind: string = 'MetaError';

  /** A stable machine-readable code (`ECONNREFUSED`, `ERR_TIMEOUT`, an HTTP status, ...). */
  readonly code: string | number;

  /** Kept (private, never serialised) to mask the cause's text in `toJSON()`. */
  readonly #redactor: Redactor;

  constructor(message: string, code: string | number, input?: MetaErrorOptions | null) {
    // Subclasses check their options' kinds; the base only refuses to trip over a missing or odd bag.
    const options: MetaErrorOptions = typeof input === 'object' && input !== null ? input : {};
    const redactor = redactorOf(options);
    super(redactor.text(safeString(message)), 'cause' in options ? { cause: options.cause } : undefined);
    this.#redactor = redactor;
    this.code = code;
    const kinds: string[] = [];
    // Walk the class chain so a subclass's brand lists every kind it is (APIError is also a MetaError).
    let errorClass: unknown = new.target;
    while (typeof errorClass === 'function' && errorClass !== Error) {
      if (Object.hasOwn(errorClass, 'kind')) kinds.push((errorClass as typeof MetaError).kind);
      errorClass = Object.getPrototypeOf(errorClass);
    }
    Object.defineProperty(this, ERROR_KINDS, { value: Object.freeze(kinds), enumerable: false });
    // A caller's own subclass (without a `kind`) is named after itself, as any Error subclass would be.
    const name = Object.hasOwn(new.target, 'kind') ? new.target.kind : new.target.name || new.target.kind;
    Object.defineProperty(this, 'name', {
      value: name,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }

  /** `instanceof` that also recognises errors made by another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is deliberate: it is the class `instanceof` was asked about (a subclass inherits this method).
    // A caller's own subclass has no brand of its own, so it falls back to the prototype chain; otherwise every
    // APIError would count as an instance of every subclass of APIError.
    // biome-ignore lint/complexity/noThisInStatic: see above
    if (!Object.hasOwn(this, 'kind')) return Function.prototype[Symbol.hasInstance].call(this, value);
    // biome-ignore lint/complexity/noThisInStatic: see above
    return hasErrorKind(value, this.kind);
  }

  /** The redactor this error was built with, for subclasses that format more fields. */
  protected get redactor(): Redactor {
    return this.#redactor;
  }

  /** The fields shown by `toJSON()` and `util.inspect`; subclasses add theirs. Never holds a secret. */
  protected details(): Record<string, unknown> {
    return {};
  }

  /** A JSON-safe summary: name, code, message, the class's own fields, and the cause's name and message. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, code: this.code, message: this.message };
    // A cycle of causes (possible: `cause` is writable) ends here instead of overflowing the stack.
    if (activeSummaries >= MAX_CAUSE_DEPTH) return json;
    activeSummaries++;
    try {
      Object.assign(json, this.details());
      // The cause was made elsewhere, maybe without this error's secrets: mask it with this error's redactor too.
      if (this.cause !== undefined)
        json.cause = this.#redactor.value(summariseCause(this.cause, this.#redactor));
    } finally {
      activeSummaries--;
    }
    return json;
  }

  /** Node's `util.inspect` shows the same safe summary, with the stack, instead of every own property. */
  [INSPECT](): string {
    return inspectError(this);
  }
}

/** How many nested `toJSON()` calls may be running (shared by every error of this copy of the package). */
const MAX_CAUSE_DEPTH = 8;
let activeSummaries = 0;

/** A cause as toJSON shows it: `@meta` errors in full, other errors by name, code and message only. */
function summariseCause(cause: unknown, redactor: Redactor, depth = 0): unknown {
  try {
    if (hasErrorKind(cause, 'MetaError') && typeof (cause as MetaError).toJSON === 'function') {
      return (cause as MetaError).toJSON();
    }
    if (typeof cause === 'object' && cause !== null && 'message' in cause) {
      // Only these fields: other own properties of platform errors (sockets, request configs) may hold secrets.
      const error = cause as Error & { code?: unknown; cause?: unknown };
      const summary: Record<string, unknown> = {
        name: safeString(error.name),
        message: redactor.text(safeString(error.message)),
      };
      if (typeof error.code === 'string' || typeof error.code === 'number') summary.code = error.code;
      if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
        summary.cause = summariseCause(error.cause, redactor, depth + 1);
      }
      return summary;
    }
    return redactor.text(safeString(cause));
  } catch {
    return UNPRINTABLE;
  }
}

/** True when `value` is any `@meta` error, from any installed copy of this package. */
export function isMetaError(value: unknown): value is MetaError {
  return hasErrorKind(value, 'MetaError');
}
