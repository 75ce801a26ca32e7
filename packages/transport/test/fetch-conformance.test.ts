import { describeTransportConformance } from '../src/conformance/index.js';
import { createFetchTransport } from '../src/index.js';
import type { Transport } from '../src/transport.js';
import { undici, undiciMajor } from './undici-module.js';

// The global fetch, exactly as browsers and MSW users get it. Node's fetch takes no per-client TLS options, so
// it cannot trust the test CA, and its connections belong to the process-wide dispatcher.
describeTransportConformance('fetch (global)', () => createFetchTransport(), {
  notApplicable: {
    https: 'the global fetch has no per-client TLS options, so it cannot trust the test CA',
    connectPhase: 'fetch reports no connect step, so a connect timeout surfaces in the headers phase',
    resourceCleanup: "the global fetch's connections belong to the process-wide dispatcher, not the transport",
  },
});

// The same transport over undici's own fetch with an Agent that trusts the test CA: every case applies. The
// Agent is closed with the transport, as an application owning both would.
describeTransportConformance(
  `fetch (undici ${undiciMajor} Agent)`,
  ({ ca }): Transport => {
    const agent = new undici.Agent({ connect: { ca } });
    const transport = createFetchTransport({
      fetch: (input, init) => undici.fetch(input, { ...init, dispatcher: agent }),
    });
    return {
      name: transport.name,
      send: (request) => transport.send(request),
      close: async () => {
        await transport.close();
        await (agent as unknown as { close(): Promise<void> }).close();
      },
    };
  },
  { notApplicable: { connectPhase: 'fetch reports no connect step, so a connect timeout surfaces in headers' } },
);
