import { ConfigError } from '@meta/errors';
import { ownMethod } from './own-property.js';

/** A console-shaped logger: `console` itself works, and so do pino and winston loggers. */
export interface Logger {
  debug?(message: string, ...details: unknown[]): void;
  info?(message: string, ...details: unknown[]): void;
  warn?(message: string, ...details: unknown[]): void;
  error?(message: string, ...details: unknown[]): void;
}

/** The logger the client calls: every level present, with `debugEnabled` so hot paths skip building lines. */
export interface ResolvedLogger {
  readonly debugEnabled: boolean;
  debug(message: string): void;
  warn(message: string): void;
}

const ignore = (): void => {};

/**
 * A logging call that can never change a call's outcome (issue 12.13): whatever the logger throws (or the
 * promise it returns rejects with) is swallowed, because a broken log sink must not fail or un-retry a request.
 */
function guarded(
  method: (this: Logger, message: string) => unknown,
  logger: Logger,
): (message: string) => void {
  return (message) => {
    try {
      const result = method.call(logger, message);
      if (
        result !== null &&
        typeof result === 'object' &&
        typeof (result as Promise<void>).then === 'function'
      ) {
        (result as Promise<void>).then(ignore, ignore);
      }
    } catch {
      // Deliberately ignored: see above.
    }
  };
}

/**
 * Normalise the configured logger. The default stays quiet below warn (warnings go to `console.warn`) so a
 * library never chatters in someone else's terminal. Lines never contain a secret or a body: callers pass text
 * that went through the client's redactor.
 */
export function resolveLogger(logger: Logger | undefined): ResolvedLogger {
  if (logger === undefined) {
    // Looked up at each call, so a `console.warn` replaced later (by a test spy, say) is the one used.
    return { debugEnabled: false, debug: ignore, warn: guarded((message) => console.warn(message), console) };
  }
  let debug: Logger['debug'];
  let warn: Logger['warn'];
  try {
    debug = ownMethod(logger, 'debug') as Logger['debug'];
    warn = ownMethod(logger, 'warn') as Logger['warn'];
  } catch (error) {
    // A Proxy whose traps throw: bad config like a throwing getter anywhere else in it (see own-property.ts).
    throw new ConfigError('logger could not be read (see cause)', { field: 'logger', cause: error });
  }
  return {
    debugEnabled: typeof debug === 'function',
    debug: typeof debug === 'function' ? guarded(debug, logger) : ignore,
    warn: typeof warn === 'function' ? guarded(warn, logger) : ignore,
  };
}
