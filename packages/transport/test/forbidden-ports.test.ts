import type { NetworkError } from '@meta/errors';
import { expect, test } from 'vitest';
import { requestPort } from '../src/fetch/fetch-wire.js';
import { requestPort as browserRequestPort } from '../src/fetch/fetch-wire-browser.js';
import { forbiddenPortError } from '../src/fetch/forbidden-ports.js';

/** The port the URL standard reads, as fetch would see it; '' for none, a default, or a URL it rejects. */
function standardPort(url: string): string {
  try {
    return new URL(url).port;
  } catch {
    return '';
  }
}

const BAD = new Set(['1', '21', '22', '25', '6000', '10080']);

test('the per-request port check (no URL object) agrees with the URL parser, odd spellings included', () => {
  const urls = [
    'http://a.example:22/x',
    'http://a.example:0022/x',
    'HTTP://A.EXAMPLE:25?x',
    'http://a.example/x',
    'http://a.example:80/',
    'https://a.example:443/',
    'http://a.example:8080#f',
    'http://user:pass@a.example:22/',
    'http://[::1]:22/',
    'http://a.example:/',
    'http://a.example:99999/',
    'http://a%2eexample:22/',
    'http://1.2.3.4:6000',
    'http://a.example:6000x/',
    'http://a.example\\:22',
    'http://a.example:22\\x',
    'http://a.example:2\t1/',
    'http://127.0.0.1:10080',
    'http://127.0.0.1:1',
  ];
  for (const url of urls) {
    const port = standardPort(url);
    const request = { method: 'GET', url, headers: {} };
    // Node reads plain URLs without a URL object (a default port comes back as written: never a bad one).
    const error = forbiddenPortError(request, requestPort(url));
    expect(error !== undefined, url).toBe(BAD.has(port));
    if (error !== undefined) expect((error as NetworkError).code).toBe('ERR_FORBIDDEN_PORT');
    // A browser bundle reads every port with the URL parser.
    expect(browserRequestPort(url), url).toBe(port);
    expect(forbiddenPortError(request, browserRequestPort(url)) !== undefined, url).toBe(BAD.has(port));
  }
});

test('the compact port list matches whole port numbers only, never a part of one', () => {
  const request = { method: 'GET', url: 'http://a.example/', headers: {} };
  for (const port of ['1', '7', '22', '119', '6000', '10080']) {
    expect(forbiddenPortError(request, port), port).toBeDefined();
  }
  for (const port of ['', '0', '2', '12', '100', '1008', '100800', '220', '8080', '60001', '80', '443']) {
    expect(forbiddenPortError(request, port), port).toBeUndefined();
  }
});

// The Fetch standard's "bad port" list (https://fetch.spec.whatwg.org/#bad-port), spelled out: the source keeps it
// encoded as gaps, and this proves the encoding decodes to exactly these ports.
const FETCH_STANDARD_BAD_PORTS = [
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104,
  109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515,
  526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049,
  3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
];

test('the encoded list refuses exactly the Fetch standard bad ports among all 65,536', () => {
  const request = { method: 'GET', url: 'http://a.example/', headers: {} };
  const refused: number[] = [];
  for (let port = 0; port <= 65_535; port++) {
    if (forbiddenPortError(request, String(port)) !== undefined) refused.push(port);
  }
  expect(refused).toEqual(FETCH_STANDARD_BAD_PORTS);
});
