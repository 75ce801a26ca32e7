import { createUndiciTransport } from '@meta/transport/undici';
import { describeTransportConformance } from '../src/index.js';
import { undici, undiciMajor } from './undici-module.js';

describeTransportConformance(`undici ${undiciMajor}`, ({ ca }) => createUndiciTransport({ ca, undici }), {
  // Every setting the conformance cases ask for is an undici transport option of the same name.
  configure: ({ ca }, settings) => createUndiciTransport({ ca, undici, ...settings }),
});
