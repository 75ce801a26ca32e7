import { safeString } from './header-entries.js';
import type { Redactor } from './redaction.js';

/** Which request an error is about: its method and URL (redacted before it is stored or shown). */
export interface RequestTarget {
  /** The request method; stored upper case. */
  readonly method?: string;
  /** The request URL; stored redacted. */
  readonly url?: string | URL;
}

/** The method as errors store it: upper case, never throwing on odd input. */
export function normaliseMethod(method: unknown): string {
  return safeString(method).toUpperCase();
}

/** `GET http://host/path` with the URL redacted, or an empty string when the target is unknown. */
export function describeTarget(target: RequestTarget, redactor: Redactor): string {
  const method = target.method ? normaliseMethod(target.method) : '';
  const url = target.url === undefined ? '' : redactor.url(target.url);
  return [method, url].filter(Boolean).join(' ');
}
