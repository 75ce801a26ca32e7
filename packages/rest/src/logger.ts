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
 * Normalise the configured logger. The default stays quiet below warn (warnings go to `console.warn`) so a
 * library never chatters in someone else's terminal. Lines never contain a secret or a body: callers pass text
 * that went through the client's redactor.
 */
export function resolveLogger(logger: Logger | undefined): ResolvedLogger {
  if (logger === undefined) {
    return { debugEnabled: false, debug: ignore, warn: (message) => console.warn(message) };
  }
  const debug = ownMethod(logger, 'debug') as Logger['debug'];
  const warn = ownMethod(logger, 'warn') as Logger['warn'];
  return {
    debugEnabled: typeof debug === 'function',
    debug: typeof debug === 'function' ? (message) => debug.call(logger, message) : ignore,
    warn: warn ? (message) => warn.call(logger, message) : ignore,
  };
}
