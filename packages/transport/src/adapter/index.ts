/**
 * What a transport needs to keep the `@meta/transport` contract, for third-party transports and for
 * `@meta/rest`: the request validator, the error mapper, the content-coding helpers, response headers, and the
 * primitives shared with REST (timer cap, own-option copy, header rules, JSON media types, abort fan-out).
 *
 * @packageDocumentation
 */
export { type AbortSubscriber, subscribeAbort, unsubscribeAbort } from '../abort-fan-out.js';
export { requestProblem, sealRequestHeaders } from '../check-request.js';
export { codingFailureScope } from '../coding-failure-scope.js';
export {
  ACCEPT_ENCODING,
  type CodingContext,
  type ContentCoding,
  hasAcceptEncoding,
  MAX_CONTENT_CODINGS,
  parseContentCodings,
  withAcceptEncoding,
} from '../content-codings.js';
export { encodedLimit } from '../encoded-body-limit.js';
export { findErrorCode, PARSER_ERROR_CODE, stableNetworkCode } from '../error-codes.js';
export {
  FORBIDDEN_VALUE_CHARACTERS,
  hasForbiddenValueCharacter,
  isHeaderToken,
  UNSENDABLE_HEADER_NAMES,
} from '../header-rules.js';
export { isJsonContentType } from '../json-content-type.js';
export { attemptTimeout, type FailureContext, mapTransportError } from '../map-transport-error.js';
export { ownOptions } from '../own-options.js';
export { bodyAlreadyUsed, type JsonContext, parseJsonBody, redactedJsonCause } from '../parse-json-body.js';
export { checkMaxBytes, textPrefixOf } from '../text-prefix.js';
// The cap itself stays internal (SPEC 9: no timer constants); `timerDelay(Infinity)` is the cap.
export { timerDelay } from '../timer-delay.js';
export { createTransportHeaders, type RawHeaderRecord } from '../transport-headers.js';
export {
  type ChunkBytes,
  ChunkedDecoder,
  ChunkedFramingError,
  type ChunkedSink,
} from '../undici/chunked-decoder.js';
export { type TransferFraming, transferFraming } from '../undici/transfer-framing.js';
