import { getResponse } from 'msw';
import { MOCK_CREDENTIALS, type MockApi } from '../../src/mock/index.js';

/** What {@link callMock} returns: the status and the parsed JSON body (or the text when not JSON). */
export interface MockAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** Options of one {@link callMock} call. */
export interface CallMockOptions {
  readonly body?: unknown;
  readonly contentType?: string;
  readonly token?: string;
}

/**
 * Ask the mock's handlers directly (msw `getResponse`, no socket and no interception), for tests about the mock
 * itself rather than about a client.
 */
export async function callMock(
  mock: MockApi,
  method: string,
  path: string,
  options: CallMockOptions = {},
): Promise<MockAnswer> {
  const headers = new Headers();
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  const hasBody = options.body !== undefined;
  if (hasBody) headers.set('content-type', options.contentType ?? 'application/json');
  const request = new Request(`${mock.apiBase}${path}`, {
    method,
    headers,
    ...(hasBody
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const response = await getResponse(mock.handlers, request);
  if (!response) throw new Error(`No mock handler answered ${method} ${path}`);
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    headers: response.headers,
    body: isJson && text ? JSON.parse(text) : text,
  };
}

/** Log in as the mock's admin and return the token. */
export async function loginToMock(mock: MockApi): Promise<string> {
  const password = Buffer.from(MOCK_CREDENTIALS.password, 'utf8').toString('base64');
  const answer = await callMock(mock, 'POST', '/users/login', {
    body: { email: MOCK_CREDENTIALS.email, password },
  });
  return (answer.body as { accessToken: string }).accessToken;
}
