import type { Redactor } from '@meta/errors';
import type { StepError } from './session-record.js';

/** The printable facts of an error, every string passed through the redactor once more. */
export function describeError(error: unknown, redactor: Redactor): StepError {
  if (!(error instanceof Error))
    return { name: typeof error, code: undefined, message: redactor.text(String(error)) };
  const fields = error as Error & {
    code?: unknown;
    statusCode?: unknown;
    location?: unknown;
    phase?: unknown;
  };
  const code = typeof fields.code === 'string' || typeof fields.code === 'number' ? fields.code : undefined;
  return {
    name: error.name,
    code,
    message: redactor.text(error.message),
    ...(typeof fields.statusCode === 'number' ? { statusCode: fields.statusCode } : {}),
    ...(typeof fields.location === 'string' ? { location: redactor.url(fields.location) } : {}),
    ...(typeof fields.phase === 'string' ? { phase: fields.phase } : {}),
  };
}
