import { HttpResponse, http, type RequestHandler } from 'msw';
import { errorResponse } from './error-response.js';
import type { MockContext } from './mock-context.js';

/** The login path, the one API path that needs no token. */
export const LOGIN_PATH = '/api/v1/users/login';

const REJECTION_MESSAGES = {
  missing: 'Not Authorized! Token not present',
  invalid: 'Not Authorized! Invalid Token',
  expired: 'Expired token!',
} as const;

/** `POST /api/v1/users/login` with `{ email, password }` (password base64-encoded) issues a bearer token. */
function loginHandler(context: MockContext): RequestHandler {
  return http.post(`${context.apiBase}/users/login`, async ({ request }) => {
    const body = (await request.json().catch(() => undefined)) as
      | { email?: unknown; password?: unknown }
      | undefined;
    const issued = context.tokens.login(body?.email, body?.password);
    if (!issued) return errorResponse(401, 'You have entered an invalid username or password.');
    return HttpResponse.json(issued);
  });
}

/** Every other API request needs a live bearer token: 401 with OpenMetadata's message otherwise. */
function tokenGuard(context: MockContext): RequestHandler {
  return http.all(`${context.apiBase}/*`, ({ request }) => {
    const rejection = context.tokens.check(request.headers.get('authorization'));
    if (rejection === undefined) return undefined;
    return errorResponse(401, REJECTION_MESSAGES[rejection], { 'WWW-Authenticate': 'Bearer' });
  });
}

/** Scripted trouble answers first, before auth, as a proxy in front of the server would. */
function troubleHandler(context: MockContext): RequestHandler {
  return http.all(`${context.apiBase}/*`, ({ request }) => context.trouble.answer(request));
}

/** The handlers that run before the entity routes: trouble, login, token check (in that order). */
export function createGatewayHandlers(context: MockContext): RequestHandler[] {
  return [troubleHandler(context), loginHandler(context), tokenGuard(context)];
}
