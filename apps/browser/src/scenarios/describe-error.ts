import { isAPIError, isMetaError, isNetworkError } from '@meta/errors';

/** What a scenario reports about a rejection: plain JSON, so it crosses from the page to the test intact. */
export interface ErrorSummary {
  readonly name: string;
  readonly message: string;
  readonly isAPIError: boolean;
  readonly isNetworkError: boolean;
  readonly isMetaError: boolean;
  readonly statusCode: number | null;
  readonly code: string | number | null;
}

/** Summarise anything a call rejected with. */
export function describeError(error: unknown): ErrorSummary {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const code = record.code;
  return {
    name: typeof record.name === 'string' ? record.name : typeof error,
    message: typeof record.message === 'string' ? record.message : String(error),
    isAPIError: isAPIError(error),
    isNetworkError: isNetworkError(error),
    isMetaError: isMetaError(error),
    statusCode: typeof record.statusCode === 'number' ? record.statusCode : null,
    code: typeof code === 'string' || typeof code === 'number' ? code : null,
  };
}

/** Run `call`, which must reject, and summarise the rejection; a resolution is reported as a failure. */
export async function rejectionOf(call: () => Promise<unknown>): Promise<ErrorSummary> {
  let value: unknown;
  try {
    value = await call();
  } catch (error) {
    return describeError(error);
  }
  throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
}
