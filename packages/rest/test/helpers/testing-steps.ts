import type { Transport, TransportRequest, TransportResponse } from '@meta/transport';
import { createTestingTransport, type TestingStep, type TestingTransport } from '@meta/transport/testing';

/** A JSON response step: the body serialised, `Content-Type: application/json` (plus `headers`). */
export function jsonStep(status: number, body: unknown, headers: Record<string, string> = {}): TestingStep {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A testing transport that plays `steps` in order, then repeats the last one for any further request. */
export function scriptedTransport(steps: readonly TestingStep[]): TestingTransport {
  const last = steps[steps.length - 1]!;
  return createTestingTransport({ script: steps, handler: () => last });
}

/** What a test sees of a transport's traffic beyond its recordings: raw requests and the responses handed out. */
export interface ObservedTransport extends Transport {
  /** The requests as REST handed them over, unredacted (to assert which token was sent). */
  readonly sent: TransportRequest[];
  /** The testing transport underneath, with its redacted recordings and `closed` flag. */
  readonly testing: TestingTransport;
  /** Every response handed to REST, to assert that each body was read or cancelled. */
  readonly responses: TransportResponse[];
}

/** Wrap a testing transport to observe raw requests and the responses it returns. */
export function observe(transport: TestingTransport): ObservedTransport {
  const sent: TransportRequest[] = [];
  const responses: TransportResponse[] = [];
  return {
    name: transport.name,
    sent,
    testing: transport,
    responses,
    async send(request) {
      sent.push(request);
      const response = await transport.send(request);
      responses.push(response);
      return response;
    },
    close: () => transport.close(),
  };
}

/** A request header, looked up case-insensitively. */
export function headerOf(request: { headers: Readonly<Record<string, string>> } | undefined, name: string) {
  if (request === undefined) return undefined;
  const lower = name.toLowerCase();
  for (const key of Object.keys(request.headers))
    if (key.toLowerCase() === lower) return request.headers[key];
  return undefined;
}

/** A testing transport routed by `route(request, index)`, observed (see {@link observe}). */
export function routedTransport(
  route: (request: TransportRequest, index: number) => TestingStep | Promise<TestingStep>,
): ObservedTransport {
  let index = 0;
  return observe(createTestingTransport({ handler: (request) => route(request, index++) }));
}
