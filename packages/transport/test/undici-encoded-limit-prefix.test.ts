import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { isResponseTooLargeError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import { encodedLimit } from '../src/encoded-body-limit.js';
import { BodyStages, type StagedBodyExchange } from '../src/undici/body-stages.js';
import type { ExchangeState } from '../src/undici/exchange-errors.js';

/** An exchange that records what the stages hand it, and how many decoded bytes it held when it failed. */
class RecordingExchange implements StagedBodyExchange {
  readonly method = 'GET';
  readonly url = 'http://127.0.0.1/endless';
  readonly redactor = undefined;
  readonly status = 200;
  readonly timeoutMs = undefined;
  state: ExchangeState = 'receiving';
  decodedBytes = 0;
  decodedAtFailure: number | undefined;
  failure: unknown;
  readonly failed: Promise<void>;
  #settle!: () => void;

  constructor(readonly limit: number) {
    this.failed = new Promise((resolve) => {
      this.#settle = resolve;
    });
  }

  appendBody(chunk: Buffer): void {
    this.decodedBytes += chunk.length;
  }
  bodyComplete(): void {
    this.state = 'done';
  }
  fail(error: unknown): void {
    if (this.state !== 'receiving') return;
    this.state = 'failed';
    this.failure = error;
    this.decodedAtFailure = this.decodedBytes;
    this.#settle();
  }
  abortConnection(): void {}
}

describe('an encoded body that passes its encoded-size limit (undici transport)', () => {
  test('is decoded up to that limit before it fails, however the chunks were batched', async () => {
    // A stored (level 0) gzip stream is as long encoded as decoded, so the prefix a bounded read may ask for is
    // there once the encoded limit is reached. After one large write (still in zlib's hands, which works off the
    // main thread), chunks of 1000 bytes stay below zlib's feed batch, so the last bytes within the limit are
    // still batched when the limit is crossed: all of them must be decoded before the body fails (a bounded read
    // of the prefix failed too large when zlib lagged behind the socket).
    const exchange = new RecordingExchange(1000);
    const stages = new BodyStages(exchange, ['gzip'], false);
    const encoded = gzipSync(Buffer.alloc(256 * 1024, 'x'), { level: 0 });
    stages.write(encoded.subarray(0, 60_000));
    for (let offset = 60_000; offset < encoded.length && exchange.state === 'receiving'; offset += 1000) {
      stages.write(encoded.subarray(offset, offset + 1000));
    }
    await exchange.failed;
    expect(isResponseTooLargeError(exchange.failure), String(exchange.failure)).toBe(true);
    // Everything zlib can decode from the bytes within the limit (a truncated stream, flushed as far as it goes).
    const withinLimit = encoded.subarray(0, encodedLimit(1000));
    const expected = gunzipSync(withinLimit, { finishFlush: constants.Z_SYNC_FLUSH }).length;
    expect(expected).toBeGreaterThan(60_000);
    expect(exchange.decodedAtFailure).toBe(expected);
  });
});
