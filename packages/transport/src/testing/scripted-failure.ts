import { NetworkError } from '@meta/errors';
import { isPermanentFailureCode, responseArrived } from '#platform-failure';
import { PARSER_ERROR_CODE, stableNetworkCode } from '../error-codes.js';
import type { TransportRequest } from '../transport.js';
import type { TestingNetworkFailure } from './testing-step.js';

/** The strict chunked decoder's codes: the same on every adapter, so reported as they are. */
const FRAMING_CODES: ReadonlySet<string> = new Set([
  'HPE_INVALID_TRANSFER_ENCODING',
  'HPE_INVALID_CHUNK_SIZE',
  'HPE_INVALID_EOF_STATE',
]);

/** Codes the real adapters never mark retryable although no TLS is involved: the same answer comes back. */
const NEVER_REPLAYED: ReadonlySet<string> = new Set([
  'ERR_PROXY_TUNNEL',
  'ERR_FORBIDDEN_PORT',
  'ERR_BAD_RESPONSE',
]);

/** The code a real adapter reports for this platform code (`UND_ERR_SOCKET` is `ECONNRESET`, llhttp's one code). */
function reportedCode(code: string): string {
  if (code.startsWith('HPE_') && !FRAMING_CODES.has(code)) return PARSER_ERROR_CODE;
  return stableNetworkCode(code);
}

/**
 * The `NetworkError` a scripted network failure rejects with: the code, `beforeResponse` and `retryable` the real
 * adapters give for that code (a TLS code, `ERR_PROXY_TUNNEL` or a parser code is never retryable; a parser code
 * means response bytes arrived), so a test of retry logic sees what production would.
 */
export function scriptedNetworkFailure(step: TestingNetworkFailure, request: TransportRequest): NetworkError {
  const code = step.code ?? 'ECONNRESET';
  const reported = reportedCode(code);
  const beforeResponse =
    (step.beforeResponse ?? true) &&
    !responseArrived(code) &&
    !responseArrived(reported) &&
    reported !== 'ERR_BAD_RESPONSE';
  return new NetworkError({
    code: reported,
    message: 'scripted network failure',
    method: request.method,
    url: request.url,
    beforeResponse,
    retryable: !isPermanentFailureCode(reported) && !NEVER_REPLAYED.has(reported),
    ...(step.proxyStatus === undefined ? {} : { proxyStatus: step.proxyStatus }),
    ...(request.redactor ? { redactor: request.redactor } : {}),
  });
}
