/*
 * `#fetch-wire` for browsers: there is no Node fetch to repair and no zlib to decode with, so `nodeZlib()` is
 * `undefined` and the transport never creates a wire, never decodes, never asks for a dispatcher. Typed against
 * the Node module, so the two cannot drift apart.
 */
import type * as NodeFetchWireModule from './fetch-wire.js';

/** No `node:zlib` in a browser: the platform's fetch decodes bodies itself. */
export const nodeZlib: typeof NodeFetchWireModule.nodeZlib = () => undefined;

/** Never called: only a response that went through a wire has codings left to decode. */
export const decodeBody: typeof NodeFetchWireModule.decodeBody = () =>
  Promise.reject(new TypeError('no zlib in this runtime'));

/** Never constructed: `nodeZlib()` is `undefined`, so the transport creates no wire. */
export const NodeFetchWire = undefined as unknown as typeof NodeFetchWireModule.NodeFetchWire;

/** Never constructed: only a response that went through a wire has codings left to decode. */
export const StreamingBodyDecoder = undefined as unknown as typeof NodeFetchWireModule.StreamingBodyDecoder;
