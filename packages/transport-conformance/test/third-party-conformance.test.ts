import { describeTransportConformance } from '../src/index.js';
import { createNodeHttpTransport } from './third-party-transport.js';

// A transport written outside this repository's adapters, from the contract and @meta/transport/adapter only,
// held to the whole suite like the fetch and undici transports.
describeTransportConformance('node:http (third party)', ({ ca }) => createNodeHttpTransport({ ca }), {
  notApplicable: {
    rawHeaderValues:
      'node:http trims header values, so "chunked<TAB>" (which llhttp leaves framed) reads as "chunked"',
  },
});
