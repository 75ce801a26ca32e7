import type { Redactor } from './redaction.js';

/** Which request an error is about: its method and URL (redacted before it is stored or shown). */
export interface RequestTarget {
  readonly method?: string;
  readonly url?: string | URL;
}

/** `GET http://host/path` with the URL redacted, or an empty string when the target is unknown. */
export function describeTarget(target: RequestTarget, redactor: Redactor): string {
  const method = target.method ? String(target.method).toUpperCase() : '';
  const url = target.url === undefined ? '' : redactor.url(target.url);
  return [method, url].filter(Boolean).join(' ');
}
