import { createFetchTransport } from '@meta/transport';
import { expect, test } from 'vitest';

test('cancel() resolves at once even when the body is a tee whose other branch is never read', async () => {
  // MSW's setupServer answers with one branch of a tee'd body and keeps the other; a cancel that waited for the
  // stream to settle would hang until both branches were cancelled, and so would every retry behind it.
  let otherBranch: ReadableStream<Uint8Array> | undefined;
  const transport = createFetchTransport({
    fetch: async () => {
      const source = new Response('{"code":401,"message":"Token expired"}').body!;
      const [mine, theirs] = source.tee();
      otherBranch = theirs;
      return new Response(mine, { status: 401, headers: { 'content-type': 'application/json' } });
    },
  });
  const response = await transport.send({
    method: 'GET',
    url: 'http://127.0.0.1:1/api/v1/tables',
    headers: {},
  });
  const outcome = await Promise.race([
    response.cancel().then(() => 'cancelled'),
    new Promise((resolve) => setTimeout(resolve, 5_000, 'hung')),
  ]);
  expect(outcome).toBe('cancelled');
  expect(response.bodyUsed).toBe(true);
  await otherBranch?.cancel();
  await transport.close();
});
