import { OpenMetadata, type OpenMetadataConfig } from '@meta/openmetadata';
import { createFetchTransport } from '@meta/transport';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** The origin the black-box MSW server answers on; clients use `${MOCK_ORIGIN}/api` as their base URL. */
export const MOCK_ORIGIN = 'http://om.blackbox.test';

/** One request as the mock server saw it. */
export interface SeenRequest {
  method: string;
  url: URL;
  /** The path exactly as it arrived, percent-encoding kept. */
  rawPath: string;
  headers: Headers;
  body: string;
}

/** Answers one request; `index` counts the requests of the current test from 0. */
export type Responder = (request: SeenRequest, index: number) => Response | Promise<Response>;

/** A JSON response, like OpenMetadata's. */
export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return HttpResponse.json(body as never, { status, headers });
}

/** An OpenMetadata-shaped error body `{ code, message }` with that status. */
export function errorBody(status: number, message: string): Response {
  return json({ code: status, message }, status);
}

/**
 * An MSW server that records every request and lets each test script the answers (an OpenMetadata that lies),
 * plus a factory for clients on the fetch transport (the one MSW intercepts). Register once per test file.
 */
export function useMockOpenMetadata() {
  const seen: SeenRequest[] = [];
  let responder: Responder = () => errorBody(500, 'no responder scripted');
  const server = setupServer(
    http.all(`${MOCK_ORIGIN}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const rawPath = request.url.slice(MOCK_ORIGIN.length).split('?')[0] ?? '';
      const entry = {
        method: request.method,
        url,
        rawPath,
        headers: request.headers,
        body: await request.text(),
      };
      seen.push(entry);
      return responder(entry, seen.length - 1);
    }),
  );
  const clients: OpenMetadata[] = [];
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(async () => {
    seen.length = 0;
    responder = () => errorBody(500, 'no responder scripted');
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  afterAll(() => server.close());
  return {
    seen,
    respond(next: Responder): void {
      responder = next;
    },
    client(config: Partial<OpenMetadataConfig> = {}, options: { validate?: boolean } = {}): OpenMetadata {
      const client = new OpenMetadata(
        {
          baseUrl: `${MOCK_ORIGIN}/api`,
          accessToken: 'blackbox-secret-token',
          transport: createFetchTransport(),
          retry: 0,
          logger: QUIET_LOGGER,
          ...config,
        } as OpenMetadataConfig,
        options,
      );
      clients.push(client);
      return client;
    },
  };
}

/** A logger that drops everything (the bearer-over-http warning is expected against the mock origin). */
export const QUIET_LOGGER = { debug() {}, info() {}, warn() {}, error() {} };

/** A UUID for entity ids. */
export const ID = '3f1e9a52-8c8b-4a8e-9a56-0d4c1f0b6e11';
export const OTHER_ID = 'b2c1d0e9-7f6a-4b5c-8d9e-0a1b2c3d4e5f';

/** A schema-valid Table. */
export function table(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: ID,
    name: 'orders',
    fullyQualifiedName: 'mysql.shop.public.orders',
    columns: [{ name: 'id', dataType: 'INT' }],
    version: 0.1,
    ...overrides,
  };
}

/** A list envelope as OpenMetadata sends it. */
export function page(data: unknown[], paging: Record<string, unknown> = { total: data.length }): Response {
  return json({ data, paging });
}
