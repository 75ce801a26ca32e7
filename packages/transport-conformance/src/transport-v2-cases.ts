import { registerBodyCostCases } from './body-cost-cases.js';
import { registerCodedLimitCases } from './coded-limit-cases.js';
import type { ConfiguredTransportFactory } from './configured-transport.js';
import type { ConformanceHarness } from './conformance-harness.js';
import { registerHttp2Cases } from './http2-cases.js';
import { registerInterimResponseCases } from './interim-response-cases.js';
import { registerKeepAliveCases } from './keep-alive-cases.js';
import { registerMalformedResponseCases } from './malformed-response-cases.js';
import { registerProxyCases } from './proxy-cases.js';
import { registerTlsHandshakeCases } from './tls-handshake-cases.js';
import { registerTlsVersionCases } from './tls-version-cases.js';
import { registerTransferFramingCases } from './transfer-framing-cases.js';
import { registerUnreadBodyCases } from './unread-body-cases.js';

/**
 * The cases issue 11 (transport v2) and the fuzzing findings (issues 12.2, 12.3, 17, 18) added: interim
 * responses, transfer framing, body cost whatever the chunking, TLS handshakes, and, for transports that take
 * settings, the keep-alive cap, HTTP/2 multiplexing, the minimum TLS version and proxies.
 */
export function registerTransportV2Cases(
  harness: ConformanceHarness,
  configure?: ConfiguredTransportFactory,
): void {
  registerInterimResponseCases(harness);
  registerMalformedResponseCases(harness);
  registerTransferFramingCases(harness);
  registerBodyCostCases(harness);
  registerCodedLimitCases(harness);
  registerUnreadBodyCases(harness);
  registerTlsHandshakeCases(harness);
  registerKeepAliveCases(harness, configure);
  registerHttp2Cases(harness, configure);
  registerTlsVersionCases(harness, configure);
  registerProxyCases(harness, configure);
}
