import { isResponseParseError, type ResponseParseError } from '@meta/errors';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { StandardSchemaV1 } from '../src/index.js';
import { createClient, rejectionOf, TRANSPORT_KINDS } from './hardening/clients.js';
import { type LoopbackServer, startLoopbackServer } from './helpers/loopback-server.js';

// Session 6 audit (SPEC 3.5): what a hostile server or a broken validator sends, on real loopback sockets.

let server: LoopbackServer;
beforeAll(async () => {
  server = await startLoopbackServer();
});
afterAll(() => server.close());

function answer(contentType: string, body: string): void {
  server.route = (_request, response) => {
    response.writeHead(200, { 'content-type': contentType });
    response.end(body);
  };
}

async function parseErrorOf(call: Promise<unknown>): Promise<ResponseParseError> {
  const error = await rejectionOf(call);
  if (!isResponseParseError(error)) throw new Error(`expected a ResponseParseError, got ${String(error)}`);
  return error;
}

const PAGE_AFTER_BLANK_LINES = `${'\n'.repeat(40)}${' '.repeat(200)}<!DOCTYPE html><html><body>Sign in</body></html>`;

/** A hand-written Standard Schema v1 object, as a user without a validator library writes one. */
function handSchema(validate: (value: unknown) => unknown): StandardSchemaV1 {
  return { '~standard': { version: 1, vendor: 'hand', validate } } as unknown as StandardSchemaV1;
}

describe.each(TRANSPORT_KINDS)('%s transport', (kind) => {
  const client = () => createClient(kind, { baseUrl: `${server.origin}/api`, retry: 0 });

  test('an HTML page after hundreds of blank characters is still ERR_HTML_RESPONSE, not data', async () => {
    answer('text/plain', PAGE_AFTER_BLANK_LINES);
    const rest = client();
    const error = await parseErrorOf(rest.get('/tables'));
    expect(error.code).toBe('ERR_HTML_RESPONSE');
    expect(error.message).toContain(`${server.origin}/api/v1/tables`);
    await expect(rest.get('/tables', undefined, { rawData: true })).resolves.toMatchObject({
      data: PAGE_AFTER_BLANK_LINES,
    });
    await rest.close();
  });

  test('a text body that only mentions <html> later is text, not an HTML page', async () => {
    answer('text/plain', 'see <html> for details');
    const rest = client();
    await expect(rest.get('/tables')).resolves.toBe('see <html> for details');
    await rest.close();
  });

  test('a schema whose ~standard getter throws at validation time is a typed error, never a bare one', async () => {
    answer('application/json', '{"id":"t1"}');
    const rest = client();
    const crash = new Error('getter broke');
    let reads = 0;
    // Answers the call's own checks, then breaks when the response is validated.
    const schema = {
      get '~standard'() {
        reads += 1;
        if (reads > 1) throw crash;
        return { version: 1, vendor: 'hand', validate: () => ({ value: 1 }) };
      },
    } as unknown as StandardSchemaV1;
    const error = await parseErrorOf(rest.get('/tables/t1', undefined, { schema }));
    expect(error.cause).toBe(crash);
    await rest.close();
  });

  test('a schema whose validate throws is a ResponseParseError with the thrown error as cause', async () => {
    answer('application/json', '{"id":"t1"}');
    const crash = new Error('validator crashed');
    const rest = client();
    const schema = handSchema(() => {
      throw crash;
    });
    const error = await parseErrorOf(rest.get('/tables/t1', undefined, { schema }));
    expect(error.statusCode).toBe(200);
    expect(error.cause).toBe(crash);
    expect(error.message).toContain('hand schema threw');
    await rest.close();
  });

  test('a schema whose async validate resolves to no result is a ResponseParseError, never a TypeError', async () => {
    answer('application/json', '{"id":"t1"}');
    const rest = client();
    const schema = handSchema(async () => undefined);
    const error = await parseErrorOf(rest.get('/tables/t1', undefined, { schema }));
    expect(error.message).toContain('returned no valid result');
    await rest.close();
  });

  test('a schema reporting issues that are not a list, or odd entries, is still a ResponseParseError', async () => {
    answer('application/json', '{"id":"t1"}');
    const rest = client();
    const notAList = await parseErrorOf(
      rest.get('/tables/t1', undefined, { schema: handSchema(() => ({ issues: 'bad' })) }),
    );
    expect(notAList.message).toContain('returned no valid result');
    const oddEntries = await parseErrorOf(
      rest.get('/tables/t1', undefined, { schema: handSchema(() => ({ issues: [null, 'id is wrong'] })) }),
    );
    expect(oddEntries.issues?.map((issue) => issue.message)).toEqual(['null', 'id is wrong']);
    await rest.close();
  });

  test('an async hand-written schema mismatch carries its issues (path and message)', async () => {
    answer('application/json', '{"id":7}');
    const rest = client();
    const schema = handSchema(async (value) =>
      typeof (value as { id?: unknown }).id === 'string'
        ? { value }
        : { issues: [{ message: 'id must be a string', path: [{ key: 'id' }] }] },
    );
    const error = await parseErrorOf(rest.get('/tables/t1', undefined, { schema }));
    expect(error.issues).toEqual([{ path: ['id'], message: 'id must be a string', code: 'schema' }]);
    await rest.close();
  });
});
