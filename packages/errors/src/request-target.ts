import { safeString } from './header-entries.js';
import { type Redactor, type RedactorOptions, redactorOf } from './redaction.js';

/** Which request an error is about: its method and URL (redacted before it is stored or shown). */
export interface RequestTarget {
  /** The request method; stored upper case. */
  readonly method?: string | undefined;
  /** The request URL; stored redacted. */
  readonly url?: string | URL | undefined;
}

/** The method as errors store it: upper case, never throwing on odd input. */
export function normaliseMethod(method: unknown): string {
  // An error built by hand may name no method: empty, never the word `UNDEFINED`.
  return method === undefined ? '' : safeString(method).toUpperCase();
}

/** The target of an error as it stores and shows it, with the redactor that masked it. */
export interface ResolvedTarget {
  /** The caller's redactor, or one built from the options' `sensitiveHeaders` and `secrets`. */
  readonly redactor: Redactor;
  /** The method, upper case, when one was given. */
  readonly method: string | undefined;
  /** The redacted URL, when one was given. */
  readonly url: string | undefined;
  /** `GET http://host/path` (URL redacted), or an empty string when the target is unknown. */
  readonly described: string;
}

/**
 * The redactor, stored method and URL, and description of the request an error is about: one place for what every
 * request-bound error (network, timeout, parse, size, redirects) does with its options.
 */
export function resolveTarget(
  options: RequestTarget & RedactorOptions & { readonly redactor?: Redactor | undefined },
): ResolvedTarget {
  const redactor = redactorOf(options);
  const method = options.method === undefined ? undefined : normaliseMethod(options.method);
  const url = options.url === undefined ? undefined : redactor.url(options.url);
  return { redactor, method, url, described: [method, url].filter(Boolean).join(' ') };
}

/** The message with the request it is about in front (`GET http://host/x<separator>message`), if known. */
export function withTarget(target: ResolvedTarget, separator: string, message: string): string {
  return target.described ? `${target.described}${separator}${message}` : message;
}
