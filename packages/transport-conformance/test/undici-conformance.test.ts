import { createUndiciTransport } from '@meta/transport/undici';
import { describeTransportConformance } from '../src/index.js';
import { undici, undiciMajor } from './undici-module.js';

describeTransportConformance(`undici ${undiciMajor}`, ({ ca }) => createUndiciTransport({ ca, undici }));
