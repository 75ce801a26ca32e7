import type { Transport } from '@meta/transport';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { registerAudit2Cases } from './audit2-cases.js';
import { registerBoundedReadCases } from './bounded-read-cases.js';
import { CONFIGURED_GROUPS } from './configured-transport.js';
import type {
  ConformanceHarness,
  ConformanceNotApplicable,
  ConformanceOptions,
  ConformanceTransportFactory,
} from './conformance-harness.js';
import { registerExchangeCases } from './exchange-cases.js';
import { registerFailureCases } from './failure-cases.js';
import { registerFollowupCases } from './followup-cases.js';
import { registerFramingCases } from './framing-cases.js';
import { registerLifecycleCases } from './lifecycle-cases.js';
import { registerRequestCheckCases } from './request-check-cases.js';
import { type ConformanceServers, startConformanceServers } from './start-conformance-servers.js';
import { registerStressCases } from './stress-cases.js';
import { registerTlsCases } from './tls-cases.js';
import { registerTransportV2Cases } from './transport-v2-cases.js';

/**
 * The one conformance suite every {@link Transport} must pass: the request/response contract, header and body
 * round trips, content decoding and size limits, malformed requests refused with a `ConfigError` naming the
 * field, every failure mapped to the same `@meta` error and code, TLS,
 * keep-alive and cleanup, against real loopback servers (HTTP, HTTPS with a CA made at test time, raw TCP for
 * broken HTTP) that it starts on port 0 and closes afterwards. Call it at the top level of a vitest test file.
 *
 * @param name - Shown in the test names.
 * @param createTransport - Builds the transport under test; it receives the test CA to trust.
 * @param options - Case groups that do not apply, with reasons (reported as tests, never silently skipped).
 *
 * @example
 * ```ts
 * import { describeTransportConformance } from '@meta/transport-conformance';
 * import { createMyTransport } from '../src/my-transport.js';
 *
 * describeTransportConformance('my transport', ({ ca }) => createMyTransport({ ca }));
 * ```
 */
export function describeTransportConformance(
  name: string,
  createTransport: ConformanceTransportFactory,
  options: ConformanceOptions = {},
): void {
  const notApplicable: ConformanceNotApplicable = options.notApplicable ?? {};
  for (const [group, reason] of Object.entries(notApplicable)) {
    // A group may only be left out with a stated reason; it is named in the suite title, never run as a test.
    if (String(reason).trim() === '') throw new TypeError(`notApplicable.${group} needs a reason`);
  }
  const leftOut = Object.entries(notApplicable).map(([group, reason]) => `${group}: ${reason}`);
  if (options.configure === undefined) {
    leftOut.push(`${CONFIGURED_GROUPS.join(', ')}: no "configure" factory given, so no settings to test`);
  }
  const title = `${name} transport conformance${leftOut.length > 0 ? ` (not applicable: ${leftOut.join('; ')})` : ''}`;
  describe(title, () => {
    let servers: ConformanceServers | undefined;
    let shared: Transport | undefined;
    const opened: Transport[] = [];

    const harness: ConformanceHarness = {
      name,
      notApplicable,
      servers: () => servers!,
      transport: () => shared!,
      open: async () => {
        const transport = await createTransport({ ca: servers!.certificates.ca });
        opened.push(transport);
        return transport;
      },
      send: (request, transport) => (transport ?? shared!).send({ method: 'GET', headers: {}, ...request }),
    };

    beforeAll(async () => {
      servers = await startConformanceServers();
      shared = await harness.open();
    });

    afterAll(async () => {
      await Promise.all(opened.map((transport) => transport.close()));
      await servers?.close();
    });

    test('names itself', () => {
      expect(shared!.name).toMatch(/\S/);
    });
    registerExchangeCases(harness);
    registerFailureCases(harness);
    registerFramingCases(harness);
    registerRequestCheckCases(harness);
    if (!notApplicable.https) registerTlsCases(harness);
    registerLifecycleCases(harness);
    registerTransportV2Cases(harness, options.configure);
    registerBoundedReadCases(harness);
    registerFollowupCases(harness);
    registerAudit2Cases(harness);
    registerStressCases(harness);
  });
}
