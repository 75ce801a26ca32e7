import { type ConfigError, isConfigError } from '@meta/errors';

/** The `ConfigError` that `run` throws; fails the test when it throws anything else or nothing. */
export function configErrorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
