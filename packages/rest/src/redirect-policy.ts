import type { Redactor } from '@meta/errors';
import type { TransportResponse } from '@meta/transport';
import { createAPIError, type SentRequest } from './api-error-factory.js';

/** The statuses the client follows when `allowRedirects` is true. 300, 304, 305 and 306 are not redirects. */
export const FOLLOWED_REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** One hop of a redirect chain. */
export interface RedirectHop {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array | undefined;
  /** True once sensitive headers were stripped; they stay stripped for the rest of the chain (SPEC 3.8). */
  readonly stripped: boolean;
}

function withoutHeaders(
  headers: Readonly<Record<string, string>>,
  drop: (lowerName: string) => boolean,
): Record<string, string> {
  const kept: Record<string, string> = Object.create(null);
  for (const name of Object.keys(headers)) {
    if (!drop(name.toLowerCase())) kept[name] = headers[name]!;
  }
  return kept;
}

/**
 * The next hop for a followed 3xx (SPEC 3.6): 303 becomes GET without a body; 301/302 turn POST into GET
 * without a body; 307/308 and other methods keep method and body. A change of origin strips every sensitive
 * header (the redactor's list: auth header, Authorization, Proxy-Authorization, Cookie, templated copies).
 * A missing or unusable Location, or https -> http, rejects with the `APIError` for the 3xx.
 */
export async function nextRedirectHop(
  response: TransportResponse,
  current: RedirectHop,
  redactor: Redactor,
): Promise<RedirectHop> {
  const sent: SentRequest = { method: current.method, url: current.url, headers: current.headers };
  const location = response.headers.get('location');
  let target: URL | undefined;
  try {
    target = location ? new URL(location, current.url) : undefined;
  } catch {
    target = undefined;
  }
  if (target === undefined || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    throw await createAPIError(response, sent, redactor, location ? { location } : {});
  }
  const previous = new URL(current.url);
  if (previous.protocol === 'https:' && target.protocol === 'http:') {
    throw await createAPIError(response, sent, redactor, { location: target.href });
  }
  await response.cancel();
  target.hash = '';
  target.username = '';
  target.password = '';
  const dropBody =
    response.status === 303 ||
    ((response.status === 301 || response.status === 302) && current.method === 'POST');
  const method = dropBody && current.method !== 'HEAD' ? 'GET' : current.method;
  const stripped = current.stripped || target.origin !== previous.origin;
  let headers = current.headers;
  if (stripped && !current.stripped)
    headers = withoutHeaders(headers, (name) => redactor.isSensitiveHeader(name));
  if (dropBody) headers = withoutHeaders(headers, (name) => name === 'content-type');
  return { method, url: target.href, headers, body: dropBody ? undefined : current.body, stripped };
}
