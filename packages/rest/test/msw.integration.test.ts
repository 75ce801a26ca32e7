import { isAPIError } from '@meta/errors';
import { createFetchTransport } from '@meta/transport';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { REST } from '../src/index.js';

const base = 'https://metadata.mock/api/v1';
let attempts429 = 0;
const seen: Request[] = [];

const server = setupServer(
  http.get(`${base}/tables`, ({ request }) => {
    seen.push(request.clone());
    const url = new URL(request.url);
    return HttpResponse.json({
      data: [{ id: '1', name: 'orders' }],
      paging: { total: 1, after: url.searchParams.get('after') },
    });
  }),
  http.get(`${base}/tables/:id`, ({ params }) =>
    HttpResponse.json({ code: 404, message: `Entity with id [${params.id}] not found.` }, { status: 404 }),
  ),
  http.post(`${base}/tables`, async ({ request }) => {
    seen.push(request.clone());
    return HttpResponse.json({ id: '2', ...((await request.json()) as object) }, { status: 201 });
  }),
  http.get(`${base}/busy`, () => {
    attempts429++;
    if (attempts429 === 1)
      return HttpResponse.json(
        { code: 429, message: 'slow down' },
        { status: 429, headers: { 'Retry-After': '2' } },
      );
    return HttpResponse.json({ ok: true });
  }),
);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(() => server.close());

function client() {
  const sleeps: number[] = [];
  const rest = new REST({
    baseUrl: 'https://metadata.mock/api',
    transport: createFetchTransport(),
    accessToken: 'msw-token-1',
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { rest, sleeps };
}

test('the fetch transport lists tables through MSW with query and auth on the request', async () => {
  const { rest } = client();
  await expect(rest.get('/tables', { after: 'abc', limit: 10 })).resolves.toMatchObject({
    paging: { after: 'abc' },
  });
  expect(seen[0]!.headers.get('authorization')).toBe('Bearer msw-token-1');
  expect(new URL(seen[0]!.url).searchParams.get('limit')).toBe('10');
});

test('an OpenMetadata 404 becomes an APIError with its code and message', async () => {
  const { rest } = client();
  const error = await rest.get('/tables/x').catch((caught: unknown) => caught);
  expect(isAPIError(error) && error.code).toBe(404);
  expect((error as Error).message).toBe('Entity with id [x] not found.');
});

test('POST creates with a JSON body', async () => {
  const { rest } = client();
  await expect(rest.post('/tables', { name: 'orders' })).resolves.toEqual({ id: '2', name: 'orders' });
  expect(seen[0]!.headers.get('content-type')).toBe('application/json');
});

test('a 429 with Retry-After is slept for exactly the requested delay, then retried', async () => {
  attempts429 = 0;
  const { rest, sleeps } = client();
  await expect(rest.get('/busy')).resolves.toEqual({ ok: true });
  expect(sleeps).toEqual([2000]);
  expect(attempts429).toBe(2);
});
