import { expect, test } from 'vitest';
import { sealRequestHeaders } from '../src/adapter/index.js';
import { FetchExchange } from '../src/fetch/fetch-exchange.js';
import { FetchHeaders } from '../src/fetch/fetch-headers.js';
import { fetchInit, openWire, settledResponse } from '../src/fetch/fetch-wire-browser.js';

// What a browser bundle runs instead of Node's wire (`#fetch-wire` resolves here under the `browser` condition).

test('in a browser, a coding the browser already decoded (zstd) is never refused after the fact', async () => {
  const request = { method: 'GET', url: 'https://api.test/x', headers: {} };
  const exchange = new FetchExchange(request);
  // The browser hands over decoded bytes but keeps the header as the server sent it.
  const response = new Response('{"ok":true}', {
    headers: { 'content-encoding': 'zstd', 'content-length': '5' },
  });
  expect(openWire(undefined)).toBeUndefined();
  const transportResponse = settledResponse(response, exchange, undefined, fetch, 'GET');
  expect(transportResponse.headers).toBeInstanceOf(FetchHeaders);
  // Content-Length counts the coded bytes: the read must not trust it for a coded body.
  expect(await transportResponse.json()).toEqual({ ok: true });
});

test('in a browser, fetch gets a copy of the headers without Accept-Encoding, the signal and no redirects', () => {
  const headers = sealRequestHeaders({ accept: 'application/json' });
  const request = { method: 'POST', url: 'https://api.test/x', headers, body: '{}' };
  const exchange = new FetchExchange(request);
  const init = fetchInit(request, exchange, undefined, fetch);
  expect(init.headers).toEqual({ accept: 'application/json' });
  expect(init.headers).not.toBe(headers);
  expect(Object.isFrozen(init.headers)).toBe(false);
  expect(init.redirect).toBe('manual');
  expect(init.signal).toBeInstanceOf(AbortSignal);
  expect(init.body).toBe('{}');
  exchange.release();
});
