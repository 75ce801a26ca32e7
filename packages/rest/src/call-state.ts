import type { TransportRequest } from '@meta/transport';
import type { z } from 'zod';
import type { CallHeaders } from './request-headers.js';

/** Everything one call needs across attempts, prepared (and validated) once before the first attempt. */
export interface CallState {
  readonly method: string;
  /** The validated absolute URL of the first hop. */
  readonly url: string;
  readonly body: string | Uint8Array | undefined;
  readonly contentType: string | undefined;
  readonly callHeaders: CallHeaders | undefined;
  readonly signal: AbortSignal | undefined;
  readonly timeoutMs: number;
  /** Epoch milliseconds at which `totalTimeoutMs` passes, if set. */
  readonly deadlineMs: number | undefined;
  readonly schema: z.ZodType | undefined;
  readonly rawData: boolean;
  readonly retryNonIdempotent: boolean | undefined;
  /** The 1-based attempt in progress. */
  attempt: number;
  /** True once a 401 forced a refresh and a replay (at most once per call). */
  replayedAfter401: boolean;
  /** The last request handed to the transport, for `beforeRetry`. */
  lastRequest: TransportRequest | undefined;
}
