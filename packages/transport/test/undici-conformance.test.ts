import { describeTransportConformance } from '../src/conformance/index.js';
import { createUndiciTransport } from '../src/undici/index.js';
import { undici, undiciMajor } from './undici-module.js';

describeTransportConformance(`undici ${undiciMajor}`, ({ ca }) => createUndiciTransport({ ca, undici }));
