/** Chunks shorter than this are copied into a shared block instead of being kept one object each. */
const COALESCE_BELOW_BYTES = 16 * 1024;
/** The size of a block small chunks are copied into. */
const BLOCK_BYTES = 64 * 1024;

const EMPTY = Buffer.alloc(0);

/**
 * Collects body bytes with memory bounded by a small constant factor of their length, whatever the chunking: a
 * server sending 2 MB in 1-byte chunks must not make the client keep two million Buffer objects (issue 12.2).
 * Large chunks are kept as they are (no copy); small ones are copied into 64 KiB blocks. The first chunk is kept
 * without a copy, so the common single-chunk response costs nothing extra.
 */
export class ByteAccumulator {
  /** Bytes collected so far. */
  length = 0;
  #first: Buffer | undefined;
  #parts: Buffer[] | undefined;
  #block: Buffer | undefined;
  #blockUsed = 0;

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.length += chunk.length;
    if (this.#parts === undefined) {
      if (this.#first === undefined) {
        this.#first = chunk;
        return;
      }
      // A second chunk: from now on every chunk goes through the block or the parts list.
      const first = this.#first;
      this.#first = undefined;
      this.#parts = [];
      this.#add(first);
    }
    this.#add(chunk);
  }

  /** Every byte collected, as one Buffer; the accumulator is empty afterwards. */
  take(): Buffer {
    const first = this.#first;
    if (first !== undefined) {
      this.clear();
      return first;
    }
    if (this.#parts === undefined) return EMPTY;
    this.#seal();
    const parts = this.#parts;
    const length = this.length;
    this.clear();
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, length);
  }

  /** Drop everything collected. */
  clear(): void {
    this.length = 0;
    this.#first = undefined;
    this.#parts = undefined;
    this.#block = undefined;
    this.#blockUsed = 0;
  }

  #add(chunk: Buffer): void {
    if (chunk.length >= COALESCE_BELOW_BYTES) {
      this.#seal();
      this.#parts!.push(chunk);
      return;
    }
    if (this.#block === undefined || this.#blockUsed + chunk.length > this.#block.length) {
      this.#seal();
      this.#block = Buffer.allocUnsafe(BLOCK_BYTES);
    }
    chunk.copy(this.#block, this.#blockUsed);
    this.#blockUsed += chunk.length;
  }

  /** Move the filled part of the current block to the parts list. */
  #seal(): void {
    if (this.#block === undefined) return;
    if (this.#blockUsed > 0) this.#parts!.push(this.#block.subarray(0, this.#blockUsed));
    this.#block = undefined;
    this.#blockUsed = 0;
  }
}
