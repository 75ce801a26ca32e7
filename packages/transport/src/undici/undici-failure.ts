import { NetworkError } from '@meta/errors';
import { findErrorCode } from '../error-codes.js';
import { type FailureContext, mapTransportError } from '../map-transport-error.js';

/** The code of a proxy that answered `CONNECT` with anything but 2xx (SPEC 3.6). */
export const PROXY_TUNNEL_CODE = 'ERR_PROXY_TUNNEL';

/** undici's message for a refused tunnel (undici 7 and 8): the only place the proxy's status is reported. */
const PROXY_REFUSAL = /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/;

/** The code for a response undici's parser refused after bytes arrived (an unsolicited `100 Continue`). */
export const BAD_RESPONSE_CODE = 'ERR_BAD_RESPONSE';

/** Where an undici failure happened, and the TLS failure its socket saw first, if any. */
export interface UndiciFailureContext extends FailureContext {
  /** The TLS alert the connection received before undici reported it closed (see ConnectionTracker). */
  readonly tlsFailure?: Error | undefined;
}

/**
 * Map an error undici reported to the @meta error, first recognising what undici reports too vaguely for a caller
 * to decide on a retry:
 * - a proxy refusing the tunnel (`UND_ERR_ABORTED` with a message) is `ERR_PROXY_TUNNEL` with `proxyStatus`,
 *   never retryable: the same proxy gives the same answer;
 * - a TLS alert that arrived after the handshake (TLS 1.3: a server that requires a client certificate sends it
 *   after the client's Finished) is reported by undici as "other side closed"; the alert is the real cause and a
 *   replay cannot fix it;
 * - a response undici's parser refuses after reading its status line (an unsolicited `100 Continue`, see the
 *   README) is not a connection failure: a replay meets the same response.
 */
export function mapUndiciFailure(error: unknown, context: UndiciFailureContext): Error {
  const code = findErrorCode(error);
  const message = (error as { message?: unknown } | null)?.message;
  const target = {
    method: context.method,
    url: context.url,
    cause: error,
    ...(context.redactor ? { redactor: context.redactor } : {}),
  };
  if (code === 'UND_ERR_ABORTED' && typeof message === 'string') {
    const refusal = PROXY_REFUSAL.exec(message);
    if (refusal) {
      const proxyStatus = Number(refusal[1]);
      return new NetworkError({
        ...target,
        code: PROXY_TUNNEL_CODE,
        // Never the proxy's URL: it may carry credentials.
        message: `the proxy refused the tunnel with status ${proxyStatus}`,
        beforeResponse: true,
        retryable: false,
        proxyStatus,
      });
    }
  }
  if (code === 'UND_ERR_SOCKET' && context.tlsFailure !== undefined) {
    return new NetworkError({
      ...target,
      code: findErrorCode(context.tlsFailure) ?? 'ERR_SSL_ALERT',
      message: `the server ended TLS with an alert: ${describeAlert(context.tlsFailure)}`,
      cause: context.tlsFailure,
      beforeResponse: true,
      retryable: false,
    });
  }
  if (code === 'UND_ERR_SOCKET' && message === 'bad response') {
    return new NetworkError({
      ...target,
      code: BAD_RESPONSE_CODE,
      message: 'the server sent a response undici cannot read (an unsolicited 100 Continue)',
      beforeResponse: false,
    });
  }
  return mapTransportError(error, context);
}

/** OpenSSL's reason text ("tlsv13 alert certificate required"), without its file and line noise. */
function describeAlert(error: Error): string {
  const reason = /:([^:]*alert[^:]*):/i.exec(error.message)?.[1];
  return (reason ?? error.message).slice(0, 120);
}
