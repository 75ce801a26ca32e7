import { HttpResponse } from 'msw';

/**
 * OpenMetadata's error body, `{ code: <HTTP status>, message }` (Dropwizard's `ErrorMessage`), with that status.
 */
export function errorResponse(status: number, message: string, headers?: Record<string, string>): Response {
  return HttpResponse.json({ code: status, message }, { status, ...(headers ? { headers } : {}) });
}

/** The 404 OpenMetadata sends for an id that names no entity. */
export function entityNotFound(id: string): Response {
  return errorResponse(404, `Entity with id [${id}] not found.`);
}
