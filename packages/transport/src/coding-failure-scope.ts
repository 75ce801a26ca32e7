/*
 * Its own module, not part of content-codings.ts: the fetch transport needs this rule in every bundle, while a
 * browser bundle carries none of the coding checks themselves (the browser decodes bodies).
 */
/**
 * What a refused content coding (unknown, or more than `MAX_CONTENT_CODINGS`) fails, for a response with
 * `status` to a `method` request (SPEC 3.8 v2):
 * - `'none'`: a HEAD response, a 204 or a 304 has no body to decode, so its codings (the representation's) are
 *   never an error;
 * - `'body'`: outside 2xx the status wins, and a 205 has no content to show (RFC 9110): the response is handed over (status,
 *   reason phrase, headers, so a caller still sees a 503's `Retry-After`) and only a read of its body fails with
 *   the coding error;
 * - `'response'`: a 2xx with a body fails the exchange itself with the `ResponseParseError`.
 */
export function codingFailureScope(status: number, method: string): 'none' | 'body' | 'response' {
  if (method === 'HEAD' || status === 204 || status === 304) return 'none';
  return status >= 200 && status < 300 && status !== 205 ? 'response' : 'body';
}
