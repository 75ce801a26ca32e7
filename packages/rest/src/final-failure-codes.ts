/*
 * Codes a replay cannot fix, as Node's networking and undici report them. Imported as `#final-failure-codes`: a
 * bundler targeting browsers resolves that to final-failure-codes-browser.ts instead, because a browser's fetch
 * reports every failure as a bare `TypeError` (no code), so none of these can ever be seen there. Everywhere else
 * (Node, Deno, Bun, edge runtimes, a bundle for Node) this module is used.
 */

/**
 * Certificate and TLS alert failures (a missing client certificate included), a proxy refusing the tunnel, fetch's
 * refusal of a forbidden port, and the transport refusing the request itself.
 */
const FINAL_CODES: ReadonlySet<string> = new Set([
  'ERR_PROXY_TUNNEL',
  'ERR_FORBIDDEN_PORT',
  'UND_ERR_INVALID_ARG',
  'UND_ERR_NOT_SUPPORTED',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/** True when a `NetworkError` with this code must not be retried, whatever its `retryable` says. */
export function isFinalCode(code: string): boolean {
  return (
    FINAL_CODES.has(code) ||
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code.includes('CERT') ||
    code.includes('SELF_SIGNED') ||
    code.startsWith('UNABLE_TO_')
  );
}
