import { setTimeout as sleep } from 'node:timers/promises';

/** Attempts per logical request for the raw drivers; the same as REST's default `retry: 3`. */
export const MAX_ATTEMPTS = 4;

/**
 * The delay a raw driver honours before retrying a 429, from `Retry-After` delta-seconds. The raw drivers keep
 * the same contract as REST (retry 429 after the server's delay) so the rate-limited route compares like with
 * like; the libraries' own retry features are switched off so every raw driver retries the same way.
 */
export function retryAfterMs(headerValue: string | string[] | null | undefined): number {
  const value = Array.isArray(headerValue) ? headerValue[0] : headerValue;
  if (value === undefined || value === null || !/^\s*\d+\s*$/.test(value)) return 0;
  return Number(value) * 1000;
}

/** Wait the requested delay; a timer even for 0 ms, as any client that honours `Retry-After` does. */
export function waitBeforeRetry(delayMs: number): Promise<void> {
  return sleep(delayMs);
}

/** The error a raw driver throws for a final non-2xx, so the measuring loop counts it. */
export function httpFailure(status: number, method: string, path: string): Error {
  return new Error(`${status} for ${method} ${path}`);
}
