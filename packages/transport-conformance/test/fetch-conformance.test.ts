import { createFetchTransport, type Transport } from '@meta/transport';
import { describeTransportConformance } from '../src/index.js';
import { undici, undiciMajor } from './undici-module.js';

// The global fetch, exactly as browsers and MSW users get it. Node's fetch takes no per-client TLS options, so
// it cannot trust the test CA, and its connections belong to the process-wide dispatcher.
describeTransportConformance('fetch (global)', () => createFetchTransport(), {
  notApplicable: {
    https: 'the global fetch has no per-client TLS options, so it cannot trust the test CA',
    keepAlive: "the global fetch's connections are pooled process-wide, shared with every other caller",
    resourceCleanup:
      "the global fetch's connections belong to the process-wide dispatcher, not the transport",
  },
});

// The same transport over undici's own fetch with an Agent that trusts the test CA: every case applies. The
// Agent is closed with the transport, as an application owning both would.
describeTransportConformance(
  `fetch (undici ${undiciMajor} Agent)`,
  ({ ca }): Transport => {
    const agent = new undici.Agent({ connect: { ca } }) as unknown as { destroy(): Promise<void> };
    const transport = createFetchTransport({
      fetch: (input, init) => undici.fetch(input, { ...init, dispatcher: agent }),
    });
    let closing: Promise<void> | undefined;
    return {
      name: transport.name,
      send: (request) => transport.send(request),
      // destroy, not close: a graceful close would wait for the connection attempt fetch gave up on.
      close: () => {
        closing ??= transport
          .close()
          .then(() => agent.destroy())
          .then(() => undefined);
        return closing;
      },
    };
  },
  {
    notApplicable: {
      connectPhase: 'fetch reports no connect step, so a connect timeout surfaces in headers',
      injectedFetch:
        "an injected fetch is used as is: undici's own fetch decodes with Z_SYNC_FLUSH (truncated streams pass), " +
        'pauses its parser under backpressure (a close while paused fails the body or asserts), leaves ' +
        "framing llhttp cannot read in the body, and owns its sockets (the global fetch's wire fixes these)",
    },
  },
);
