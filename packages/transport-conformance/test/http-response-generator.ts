import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';

/**
 * Generated HTTP/1.1 responses for the differential fuzzer: a structured description (status line, headers,
 * framing, coding, how the bytes are cut and delivered) that renders to one byte stream, plus what RFC 9112 says
 * a client may make of it (the oracle the invariants check).
 */

export type Coding = 'gzip' | 'deflate' | 'deflate-raw' | 'br';
export type Reader = 'bytes' | 'text' | 'json';
/** After the last byte written: FIN, leave the connection open, or reset it. */
export type Ending = 'end' | 'hang' | 'reset';

export type LengthVariant =
  | 'plain'
  | 'leading-zeros'
  | 'leading-space'
  | 'trailing-space'
  | 'plus-sign'
  | 'duplicate-same'
  | 'list-same'
  | 'conflicting';

/** Chunk extensions, all valid per RFC 9112 7.1.1 (`chunk-ext-val` is optional). */
export const CHUNK_EXTENSIONS = {
  none: '',
  valued: ';name=value',
  bare: ';flag',
  quoted: ';name="quoted"',
  'valued-then-more': ';name=value;flag',
} as const;
export type ChunkExtension = keyof typeof CHUNK_EXTENSIONS;

export type Framing =
  | { readonly kind: 'length'; readonly delta: number; readonly variant: LengthVariant }
  | {
      readonly kind: 'chunked';
      readonly cuts: readonly number[];
      readonly extension: ChunkExtension;
      readonly trailer: boolean;
      readonly badSize: 'none' | 'non-hex' | 'negative' | 'prefix-0x' | 'space-before-crlf';
      readonly transferCoding: 'none' | 'gzip' | 'br' | 'identity-listed';
      readonly withLength: boolean;
    }
  | { readonly kind: 'close' };

export interface ResponseCase {
  readonly interim: readonly number[];
  readonly version: 'HTTP/1.1' | 'HTTP/1.0';
  readonly status: number;
  readonly reason: string;
  readonly contentType: 'json' | 'text' | 'none';
  readonly connection: 'close' | 'keep-alive' | 'none';
  readonly body: string;
  readonly coding: Coding | 'none';
  readonly corruption: 'none' | 'flip' | 'truncate-stream';
  readonly flipAt: number;
  readonly framing: Framing;
  /** Where the delivered stream is cut, as a fraction of its length; `1` delivers everything. */
  readonly cutAt: number;
  readonly ending: Ending;
  readonly fragments: readonly number[];
  readonly delaysMs: readonly number[];
  readonly maxResponseBytes: number | undefined;
  readonly reader: Reader;
  readonly method: 'GET' | 'HEAD';
}

/** What a client may make of a case: exactly these bytes, a failure, or anything (only agreement is checked). */
export type Expected =
  | { readonly kind: 'body'; readonly status: number; readonly bytes: Uint8Array }
  | { readonly kind: 'failure'; readonly why: string }
  | { readonly kind: 'any'; readonly why: string };

export interface Rendered {
  readonly bytes: Buffer;
  /** Whether the delivery stops inside the body (after the head, before the framing's end). */
  readonly cutInBody: boolean;
  /** How many of `bytes` the server writes before `ending`. */
  readonly deliver: number;
  readonly expected: Expected;
}

function encode(coding: Coding, body: Buffer): Buffer {
  switch (coding) {
    case 'gzip':
      return gzipSync(body);
    case 'deflate':
      return deflateSync(body);
    case 'deflate-raw':
      return deflateRawSync(body);
    case 'br':
      return brotliCompressSync(body);
  }
}

function lengthHeaders(variant: LengthVariant, length: number): string[] {
  switch (variant) {
    case 'plain':
      return [`Content-Length: ${length}`];
    case 'leading-zeros':
      return [`Content-Length: 00${length}`];
    case 'leading-space':
      return [`Content-Length:    ${length}`];
    case 'trailing-space':
      return [`Content-Length: ${length} `];
    case 'plus-sign':
      return [`Content-Length: +${length}`];
    case 'duplicate-same':
      return [`Content-Length: ${length}`, `Content-Length: ${length}`];
    case 'list-same':
      return [`Content-Length: ${length}, ${length}`];
    case 'conflicting':
      return [`Content-Length: ${length}`, `Content-Length: ${length + 1}`];
  }
}

function chunkSize(size: number, bad: Framing & { kind: 'chunked' }): string {
  switch (bad.badSize) {
    case 'none':
      return size.toString(16);
    case 'non-hex':
      return `${size.toString(16)}g`;
    case 'negative':
      return `-${size.toString(16)}`;
    case 'prefix-0x':
      return `0x${size.toString(16)}`;
    case 'space-before-crlf':
      return `${size.toString(16)} `;
  }
}

/** The case as bytes, and what the client may make of it. */
export function render(c: ResponseCase): Rendered {
  const plain = Buffer.from(c.body, 'utf8');
  let payload = c.coding === 'none' ? plain : encode(c.coding, plain);
  let codingBroken = false;
  if (c.coding !== 'none' && c.corruption === 'flip' && payload.length > 0) {
    payload = Buffer.from(payload);
    const at = Math.floor(c.flipAt * payload.length);
    payload[at] = (payload[at] ?? 0) ^ 0x55;
    codingBroken = true;
  } else if (c.coding !== 'none' && c.corruption === 'truncate-stream' && payload.length > 1) {
    payload = payload.subarray(0, 1 + Math.floor(c.flipAt * (payload.length - 1)));
    codingBroken = true;
  }

  const head: string[] = [];
  for (const status of c.interim) head.push(`HTTP/1.1 ${status} Interim\r\n\r\n`);
  const lines: string[] = [`${c.version} ${c.status} ${c.reason}`];
  if (c.contentType === 'json') lines.push('Content-Type: application/json');
  if (c.contentType === 'text') lines.push('Content-Type: text/plain; charset=utf-8');
  if (c.connection !== 'none') lines.push(`Connection: ${c.connection}`);
  if (c.coding !== 'none')
    lines.push(`Content-Encoding: ${c.coding === 'deflate-raw' ? 'deflate' : c.coding}`);

  let framed: Buffer;
  /** The body the framing declares (before content decoding), `undefined` when the framing is malformed. */
  let declared: Buffer | undefined;
  let malformed: string | undefined;
  /** Delivery must reach this many bytes for the framing to be complete. */
  let completeAt: number;
  const f = c.framing;
  if (f.kind === 'length') {
    const length = Math.max(0, payload.length + f.delta);
    lines.push(...lengthHeaders(f.variant, length));
    framed = payload;
    declared = f.delta <= 0 ? payload.subarray(0, length) : undefined;
    if (f.variant === 'plus-sign' || f.variant === 'conflicting') malformed = `Content-Length ${f.variant}`;
    else if (f.variant !== 'plain' && f.variant !== 'leading-zeros' && f.variant !== 'leading-space')
      malformed = `Content-Length ${f.variant} (RFC 9110 leaves it to the recipient)`;
    completeAt = length;
  } else if (f.kind === 'chunked') {
    const te: string[] = [];
    if (f.transferCoding === 'gzip') te.push('gzip');
    if (f.transferCoding === 'br') te.push('br');
    if (f.transferCoding === 'identity-listed') te.push('identity');
    te.push('chunked');
    lines.push(`Transfer-Encoding: ${te.join(', ')}`);
    let chunkedPayload = payload;
    if (f.transferCoding === 'gzip') chunkedPayload = gzipSync(payload);
    if (f.transferCoding === 'br') chunkedPayload = brotliCompressSync(payload);
    if (f.withLength) lines.push(`Content-Length: ${chunkedPayload.length}`);
    const pieces: Buffer[] = [];
    let start = 0;
    const cuts = [...new Set(f.cuts.map((x) => Math.floor(x * chunkedPayload.length)))].sort((a, b) => a - b);
    for (const end of [...cuts, chunkedPayload.length]) {
      if (end <= start) continue;
      const ext = CHUNK_EXTENSIONS[f.extension];
      pieces.push(Buffer.from(`${chunkSize(end - start, f)}${ext}\r\n`, 'latin1'));
      pieces.push(chunkedPayload.subarray(start, end), Buffer.from('\r\n'));
      start = end;
    }
    pieces.push(Buffer.from(`0\r\n${f.trailer ? 'X-Trailer: done\r\n' : ''}\r\n`, 'latin1'));
    framed = Buffer.concat(pieces);
    declared = payload;
    completeAt = framed.length;
    if (f.badSize !== 'none' && pieces.length > 1) malformed = `chunk size ${f.badSize}`;
    else if (f.transferCoding === 'br') malformed = 'transfer coding br';
    else if (f.withLength) malformed = 'Transfer-Encoding with Content-Length';
    else if (f.transferCoding === 'identity-listed')
      malformed = 'transfer coding identity (deprecated, RFC 7230)';
  } else {
    framed = payload;
    declared = payload;
    completeAt = payload.length;
  }

  const headText = `${head.join('')}${lines.join('\r\n')}\r\n\r\n`;
  const headBytes = Buffer.from(headText, 'latin1');
  const bytes = Buffer.concat([headBytes, framed]);
  const deliver = c.cutAt >= 1 ? bytes.length : Math.floor(c.cutAt * bytes.length);
  const bodyDelivered = deliver - headBytes.length;
  return {
    bytes,
    deliver,
    cutInBody: bodyDelivered >= 0 && bodyDelivered < completeAt,
    expected: expect(c, f, declared, malformed, codingBroken, bodyDelivered, completeAt),
  };
}

const BODYLESS = new Set([204, 304]);

function expect(
  c: ResponseCase,
  f: Framing,
  declared: Buffer | undefined,
  malformed: string | undefined,
  codingBroken: boolean,
  bodyDelivered: number,
  completeAt: number,
): Expected {
  if (c.interim.some((status) => status === 100 || status === 101))
    return { kind: 'any', why: 'unsolicited 100/101' };
  if (c.status === 101) return { kind: 'any', why: 'unsolicited 101' };
  if (bodyDelivered < 0) {
    return c.ending === 'end' || c.ending === 'reset' || c.ending === 'hang'
      ? { kind: 'failure', why: 'head cut short' }
      : { kind: 'any', why: '' };
  }
  if (c.method === 'HEAD' || BODYLESS.has(c.status)) {
    // RFC 9110: no body whatever the framing says; bytes after the head belong to no response.
    return malformed ? { kind: 'any', why: malformed } : read(c, Buffer.alloc(0));
  }
  // Bytes sent with a 205 are read off the connection and dropped: how a cut or malformed framing of them ends is
  // left to each parser, but the two transports must agree (the harness compares them).
  if (c.status === 205) return { kind: 'any', why: '205: body bytes dropped' };
  if (malformed) return { kind: 'any', why: malformed };
  if (c.coding === 'deflate-raw' && f.kind === 'chunked' && f.transferCoding === 'gzip') {
    // Raw deflate (not RFC 9110's zlib format) is sniffed only as the outermost coding: under a transfer coding it
    // is refused on both transports.
    return { kind: 'any', why: 'raw deflate under a transfer coding' };
  }
  if (c.version === 'HTTP/1.0' && c.framing.kind === 'chunked')
    return { kind: 'any', why: 'chunked in HTTP/1.0' };
  if (declared === undefined) return { kind: 'failure', why: 'Content-Length above the bytes sent' };
  const closeDelimited = c.framing.kind === 'close';
  // RFC 9112 8 calls a close-delimited body ended by a reset incomplete, but undici (every version) takes a reset
  // after a response without keep-alive as its end (its "Mac OS" rule): documented in the transport README.
  if (closeDelimited && c.ending === 'reset')
    return { kind: 'any', why: 'close-delimited body ended by a reset' };
  const complete = closeDelimited ? c.ending === 'end' : bodyDelivered >= completeAt;
  if (!complete) return { kind: 'failure', why: 'body cut short' };
  let body = declared;
  if (closeDelimited && bodyDelivered < declared.length) body = declared.subarray(0, bodyDelivered);
  const codedOk = c.coding === 'none' || (!codingBroken && body.length === declared.length);
  if (!codedOk) {
    // A flipped byte in a header field gzip does not check, or a raw deflate/brotli stream without a checksum,
    // may still decode; a truncated stream never does (but an empty body is not a stream at all).
    if (c.corruption === 'truncate-stream' || body.length < declared.length) {
      return body.length === 0
        ? { kind: 'any', why: 'empty coded body' }
        : { kind: 'failure', why: 'coded stream cut short' };
    }
    return { kind: 'any', why: 'corrupt coded stream' };
  }
  const decoded = c.coding === 'none' ? body : Buffer.from(c.body, 'utf8');
  if (c.framing.kind === 'length' && c.framing.delta < 0 && c.coding !== 'none') {
    if (body.length === 0) return { kind: 'any', why: 'empty coded body' };
    return { kind: 'failure', why: 'coded stream cut short by Content-Length' };
  }
  if (c.ending === 'reset') return { kind: 'any', why: 'reset right after a complete body' };
  if (c.maxResponseBytes !== undefined && decoded.length > c.maxResponseBytes) {
    return { kind: 'failure', why: 'body above maxResponseBytes' };
  }
  return read(c, decoded);
}

/** What the case's reader makes of the decoded body: the bytes, or a failure for invalid JSON. */
function read(c: ResponseCase, decoded: Buffer): Expected {
  if (c.reader === 'json') {
    try {
      JSON.parse(
        Buffer.from(decoded)
          .toString('utf8')
          .replace(/^\uFEFF/, ''),
      );
    } catch {
      return { kind: 'failure', why: 'invalid JSON' };
    }
  }
  return { kind: 'body', status: c.status, bytes: new Uint8Array(decoded) };
}

/** A fraction in [0, 1] spread evenly (fc.double crowds near 0). */
const fraction = fc.integer({ min: 0, max: 1000 }).map((x) => x / 1000);

const bodyArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value) ?? 'null'),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.integer({ min: 1, max: 3000 }))
      .map(([s, n]) => s.repeat(n)),
  },
);

const reasonArb = fc.oneof(
  fc.constantFrom('OK', '', 'Not Found', 'Weird  Reason', 'tab\there', 'caf\u00e9 \u00ff', '(x)[y]{z}'),
  fc.string({ unit: fc.constantFrom(...'ab Z!-/\t'), maxLength: 12 }),
);

const framingArb: fc.Arbitrary<Framing> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('length' as const),
      delta: fc.oneof(
        { weight: 6, arbitrary: fc.constant(0) },
        { weight: 1, arbitrary: fc.integer({ min: -5, max: 5 }) },
      ),
      variant: fc.oneof(
        { weight: 8, arbitrary: fc.constant('plain' as const) },
        {
          weight: 3,
          arbitrary: fc.constantFrom<LengthVariant>(
            'leading-zeros',
            'leading-space',
            'trailing-space',
            'plus-sign',
            'duplicate-same',
            'list-same',
            'conflicting',
          ),
        },
      ),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('chunked' as const),
      cuts: fc.array(fraction, { maxLength: 6 }),
      extension: fc.constantFrom(...(Object.keys(CHUNK_EXTENSIONS) as ChunkExtension[])),
      trailer: fc.boolean(),
      badSize: fc.oneof(
        { weight: 10, arbitrary: fc.constant('none' as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            'non-hex' as const,
            'negative' as const,
            'prefix-0x' as const,
            'space-before-crlf' as const,
          ),
        },
      ),
      transferCoding: fc.oneof(
        { weight: 8, arbitrary: fc.constant('none' as const) },
        { weight: 1, arbitrary: fc.constantFrom('gzip' as const, 'br' as const, 'identity-listed' as const) },
      ),
      withLength: fc.oneof(
        { weight: 10, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'close' as const }) },
);

/** Whole responses, their delivery and the request that reads them. */
export const responseCaseArb: fc.Arbitrary<ResponseCase> = fc.record({
  interim: fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as number[]) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(102, 103), { minLength: 1, maxLength: 3 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(100, 102, 103), { minLength: 1, maxLength: 2 }) },
  ),
  version: fc.oneof(
    { weight: 5, arbitrary: fc.constant('HTTP/1.1' as const) },
    { weight: 1, arbitrary: fc.constant('HTTP/1.0' as const) },
  ),
  status: fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(200, 201, 404, 500, 503) },
    { weight: 3, arbitrary: fc.integer({ min: 200, max: 599 }) },
    { weight: 1, arbitrary: fc.constantFrom(204, 205, 304) },
  ),
  reason: reasonArb,
  contentType: fc.constantFrom('json' as const, 'text' as const, 'none' as const),
  connection: fc.constantFrom('close' as const, 'keep-alive' as const, 'none' as const),
  body: bodyArb,
  coding: fc.oneof(
    { weight: 3, arbitrary: fc.constant('none' as const) },
    { weight: 2, arbitrary: fc.constantFrom<Coding>('gzip', 'deflate', 'deflate-raw', 'br') },
  ),
  corruption: fc.oneof(
    { weight: 6, arbitrary: fc.constant('none' as const) },
    { weight: 1, arbitrary: fc.constantFrom('flip' as const, 'truncate-stream' as const) },
  ),
  flipAt: fraction.map((x) => Math.min(x, 0.999)),
  framing: framingArb,
  cutAt: fc.oneof(
    { weight: 5, arbitrary: fc.constant(1) },
    { weight: 1, arbitrary: fraction.map((x) => Math.min(x, 0.999)) },
  ),
  ending: fc.oneof(
    { weight: 6, arbitrary: fc.constant('end' as const) },
    { weight: 1, arbitrary: fc.constantFrom('hang' as const, 'reset' as const) },
  ),
  fragments: fc.array(fraction, { maxLength: 5 }),
  delaysMs: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 6, maxLength: 6 }),
  maxResponseBytes: fc.option(fc.integer({ min: 0, max: 4000 }), { freq: 4, nil: undefined }),
  reader: fc.constantFrom<Reader>('bytes', 'text', 'json'),
  method: fc.oneof(
    { weight: 12, arbitrary: fc.constant('GET' as const) },
    { weight: 1, arbitrary: fc.constant('HEAD' as const) },
  ),
});
