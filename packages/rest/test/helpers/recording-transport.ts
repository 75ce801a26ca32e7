import type { Transport, TransportRequest, TransportResponse } from '@meta/transport';
import { createTransportHeaders } from '@meta/transport/adapter';

/** A scripted answer: a response, or an error the transport rejects with. */
export type ScriptedAnswer =
  | { status: number; statusText?: string; headers?: Record<string, string>; body?: string }
  | Error;

/** What the recording transport saw: each request as sent (headers copied) and what happened to bodies. */
export interface RecordingTransport extends Transport {
  readonly requests: TransportRequest[];
  /** How many response bodies were cancelled without being read. */
  cancelledBodies: number;
  /** How many response bodies were read. */
  readBodies: number;
  closeCalls: number;
}

function scriptedResponse(
  request: TransportRequest,
  answer: Exclude<ScriptedAnswer, Error>,
  transport: RecordingTransport,
): TransportResponse {
  let used = false;
  const body = answer.body ?? '';
  const take = (): string => {
    if (used) throw new TypeError('body already used');
    used = true;
    transport.readBodies++;
    return body;
  };
  return {
    status: answer.status,
    statusText: answer.statusText ?? '',
    headers: createTransportHeaders(answer.headers ?? {}),
    url: request.url,
    get bodyUsed() {
      return used;
    },
    text: async () => take(),
    bytes: async () => new TextEncoder().encode(take()),
    json: async () => JSON.parse(take()),
    cancel: async () => {
      if (!used) transport.cancelledBodies++;
      used = true;
    },
  };
}

/**
 * An in-test Transport: routes every request to `handler`, records it (headers copied as sent) and scripts
 * responses or failures. It honours `signal` like a real transport: an aborted request rejects with its reason.
 */
export function createRecordingTransport(
  handler: (request: TransportRequest, index: number) => ScriptedAnswer | Promise<ScriptedAnswer>,
): RecordingTransport {
  const transport: RecordingTransport = {
    name: 'recording',
    requests: [],
    cancelledBodies: 0,
    readBodies: 0,
    closeCalls: 0,
    async send(request) {
      const index = transport.requests.length;
      transport.requests.push({ ...request, headers: { ...request.headers } });
      if (request.signal?.aborted) throw request.signal.reason;
      const answer = await handler(request, index);
      if (answer instanceof Error) throw answer;
      return scriptedResponse(request, answer, transport);
    },
    async close() {
      transport.closeCalls++;
    },
  };
  return transport;
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): ScriptedAnswer {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Look a request header up case-insensitively. */
export function headerOf(request: TransportRequest | undefined, name: string): string | undefined {
  if (request === undefined) return undefined;
  const lower = name.toLowerCase();
  for (const key of Object.keys(request.headers))
    if (key.toLowerCase() === lower) return request.headers[key];
  return undefined;
}
