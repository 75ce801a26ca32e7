import { type ConfigError, isConfigError } from '@meta/errors';

/** The `ConfigError` that `run` throws or rejects with; fails the test on anything else, or on nothing. */
export async function configErrorOf(run: () => unknown): Promise<ConfigError> {
  try {
    await run();
  } catch (error) {
    if (isConfigError(error)) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
