/*
 * What the fetch transport needs only under Node's own fetch: the wire that repairs it (node-fetch-wire.ts) and
 * the zlib decoder behind it (decode-body.ts). Imported as `#fetch-wire`: a bundler targeting browsers resolves
 * that to fetch-wire-browser.ts instead, so a browser bundle carries none of this code. Everywhere else (Node,
 * Deno, Bun, a bundle for Node) this module is used and the runtime checks inside decide.
 */
export { decodeBody, nodeZlib } from './decode-body.js';
export { NodeFetchWire } from './node-fetch-wire.js';
export { StreamingBodyDecoder } from './streaming-body-decoder.js';
