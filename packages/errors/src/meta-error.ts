import { createRedactor, type Redactor, type RedactorOptions } from './redaction.js';

/**
 * The brand every @meta error carries: a list of the kinds (class names) it is an instance of. `Symbol.for`
 * makes it the same symbol in every installed copy of this package, so the `isX()` guards and `instanceof`
 * agree across copies (two versions in one `node_modules`, or a bundled and an unbundled copy).
 */
export const ERROR_KINDS: unique symbol = Symbol.for('@meta/errors.kinds') as never;

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** What every @meta error constructor accepts besides its own fields. */
export interface MetaErrorOptions extends RedactorOptions {
  /** The underlying error, kept as the standard `cause`. */
  readonly cause?: unknown;
  /** A redactor to use instead of building one from `sensitiveHeaders` and `secrets`. */
  readonly redactor?: Redactor;
}

/** True when `value` is branded with `kind` by any copy of @meta/errors. */
export function hasErrorKind(value: unknown, kind: string): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS];
  return Array.isArray(kinds) && kinds.includes(kind);
}

/**
 * The base class of every @meta error. It carries a stable machine-readable `code`, keeps `cause`, and keeps
 * secrets out of `message`, `stack`, `toJSON()` and `util.inspect` by redacting at construction time: nothing
 * secret is ever stored on the error, so nothing can leak from it later.
 */
export class MetaError extends Error {
  /** The kind used by the brand; subclasses override it with their class name. */
  static readonly kind: string = 'MetaError';

  /** A stable machine-readable code (`ECONNREFUSED`, `ERR_TIMEOUT`, an HTTP status, ...). */
  readonly code: string | number;

  declare readonly [ERROR_KINDS]: readonly string[];

  /** Kept (private, never serialised) to mask the cause's text in `toJSON()`. */
  readonly #redactor: Redactor;

  constructor(message: string, code: string | number, options: MetaErrorOptions = {}) {
    const redactor = options.redactor ?? createRedactor(options);
    super(redactor.text(message), 'cause' in options ? { cause: options.cause } : undefined);
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
    Object.defineProperty(this, 'name', {
      value: new.target.kind,
      enumerable: false,
      writable: true,
      configurable: true,
    });
  }

  /** `instanceof` that also recognises errors made by another copy of this package. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // `this` is deliberate: it is the class `instanceof` was asked about (a subclass inherits this method).
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
    const json: Record<string, unknown> = {
      name: this.name,
      code: this.code,
      message: this.message,
      ...this.details(),
    };
    if (this.cause !== undefined) json.cause = summariseCause(this.cause, this.#redactor);
    return json;
  }

  /** Node's `util.inspect` shows the same safe summary, with the stack, instead of every own property. */
  [INSPECT](): string {
    const { name: _name, message: _message, ...rest } = this.toJSON();
    const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest, null, 2)}` : '';
    return `${this.stack ?? `${this.name}: ${this.message}`}${fields}`;
  }
}

/** A cause as toJSON shows it: @meta errors in full, other errors by name, code and message only. */
function summariseCause(cause: unknown, redactor: Redactor, depth = 0): unknown {
  if (hasErrorKind(cause, 'MetaError') && typeof (cause as MetaError).toJSON === 'function') {
    return (cause as MetaError).toJSON();
  }
  if (cause instanceof Error || (typeof cause === 'object' && cause !== null && 'message' in cause)) {
    const error = cause as Error & { code?: unknown; cause?: unknown };
    const summary: Record<string, unknown> = {
      name: error.name,
      message: redactor.text(String(error.message)),
    };
    if (error.code !== undefined) summary.code = error.code;
    if (error.cause !== undefined && depth < 4)
      summary.cause = summariseCause(error.cause, redactor, depth + 1);
    return summary;
  }
  return redactor.text(typeof cause === 'string' ? cause : String(cause));
}

/** True when `value` is any @meta error, from any installed copy of this package. */
export function isMetaError(value: unknown): value is MetaError {
  return hasErrorKind(value, 'MetaError');
}
