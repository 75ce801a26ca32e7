import { inspect } from 'node:util';
import { isNetworkError, type NetworkError } from '@meta/errors';
import { describe, expect, test } from 'vitest';
import { mapTransportError } from '../src/map-transport-error.js';
import { createTestingTransport } from '../src/testing/index.js';
import type { TransportRequest } from '../src/transport.js';

const get = (url: string, extra: Partial<TransportRequest> = {}): TransportRequest => ({
  method: 'GET',
  url,
  headers: {},
  ...extra,
});

async function scripted(code: string, beforeResponse?: boolean): Promise<NetworkError> {
  const transport = createTestingTransport({
    script: [{ fail: 'network', code, ...(beforeResponse === undefined ? {} : { beforeResponse }) }],
  });
  const error = await transport.send(get('http://api.test/x')).catch((caught: unknown) => caught);
  expect(isNetworkError(error), String(error)).toBe(true);
  return error as NetworkError;
}

const classOf = (error: NetworkError) => ({
  code: error.code,
  beforeResponse: error.beforeResponse,
  retryable: error.retryable,
});

describe('testing transport: scripted failures classified as the real adapters classify them (audit 2)', () => {
  test.each([
    ['CERT_HAS_EXPIRED', { code: 'CERT_HAS_EXPIRED', beforeResponse: true, retryable: false }],
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      { code: 'DEPTH_ZERO_SELF_SIGNED_CERT', beforeResponse: true, retryable: false },
    ],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      { code: 'ERR_TLS_CERT_ALTNAME_INVALID', beforeResponse: true, retryable: false },
    ],
    [
      'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
      { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', beforeResponse: true, retryable: false },
    ],
    ['ERR_PROXY_TUNNEL', { code: 'ERR_PROXY_TUNNEL', beforeResponse: true, retryable: false }],
    ['ERR_FORBIDDEN_PORT', { code: 'ERR_FORBIDDEN_PORT', beforeResponse: true, retryable: false }],
    ['HPE_INVALID_RESPONSE', { code: 'HPE_INVALID_RESPONSE', beforeResponse: false, retryable: false }],
    [
      'HPE_UNEXPECTED_CONTENT_LENGTH',
      { code: 'HPE_INVALID_RESPONSE', beforeResponse: false, retryable: false },
    ],
    ['HPE_INVALID_CHUNK_SIZE', { code: 'HPE_INVALID_CHUNK_SIZE', beforeResponse: false, retryable: false }],
    [
      'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
      { code: 'HPE_INVALID_RESPONSE', beforeResponse: false, retryable: false },
    ],
    ['ERR_BAD_RESPONSE', { code: 'ERR_BAD_RESPONSE', beforeResponse: false, retryable: false }],
    ['UND_ERR_SOCKET', { code: 'ECONNRESET', beforeResponse: true, retryable: true }],
    ['EPIPE', { code: 'ECONNRESET', beforeResponse: true, retryable: true }],
    ['ECONNREFUSED', { code: 'ECONNREFUSED', beforeResponse: true, retryable: true }],
  ])('a scripted %s fails as a real adapter reports it', async (code, expected) => {
    expect(classOf(await scripted(code))).toEqual(expected);
  });

  test('a scripted platform code matches what the shared error mapper makes of the same platform error', async () => {
    for (const code of [
      'CERT_HAS_EXPIRED',
      'UND_ERR_SOCKET',
      'ECONNREFUSED',
      'ENOTFOUND',
      'HPE_INVALID_CONSTANT',
    ]) {
      const platform = Object.assign(new Error('platform failure'), { code });
      const mapped = mapTransportError(platform, {
        method: 'GET',
        url: 'http://api.test/x',
        beforeResponse: true,
      });
      expect(classOf(await scripted(code)), code).toEqual(classOf(mapped as NetworkError));
    }
  });

  test('a scripted failure after response bytes is never retryable', async () => {
    expect(classOf(await scripted('ECONNRESET', false))).toEqual({
      code: 'ECONNRESET',
      beforeResponse: false,
      retryable: false,
    });
  });

  test('a scripted proxy refusal carries the proxy status, as the undici transport reports it', async () => {
    const transport = createTestingTransport({
      script: [{ fail: 'network', code: 'ERR_PROXY_TUNNEL', proxyStatus: 407 }],
    });
    const error = (await transport
      .send(get('http://api.test/x'))
      .catch((caught: unknown) => caught)) as NetworkError;
    expect(error.proxyStatus).toBe(407);
    expect(error.retryable).toBe(false);
  });
});

describe('testing transport: recordings mask every sensitive class (audit 2, SPEC 5)', () => {
  test('headers named like secrets, cookies, proxy credentials, userinfo, secret query values and body secrets', async () => {
    const transport = createTestingTransport(() => ({ status: 204 }));
    const secrets = [
      'S-KEY',
      'S-AUTHTOK',
      'S-COOKIE',
      'S-PROXY',
      'S-BEARER',
      'S-SESSION',
      'S-CLIENT',
      'S-PASS',
      'p%40ss',
    ];
    await transport.send({
      method: 'POST',
      url: 'https://user:p%40ss@api.test/a?token=Q-1&password=Q-2&api_key=Q-3&client_secret=Q-4&signature=Q-5&access_token=Q-6&page=2',
      headers: {
        'X-Api-Key': 'S-KEY',
        'X-Auth-Token': 'S-AUTHTOK',
        Cookie: 'sid=S-COOKIE',
        'Proxy-Authorization': 'Basic S-PROXY',
        Authorization: 'Bearer S-BEARER',
        'X-Session-Id': 'S-SESSION',
        'X-Client-Secret': 'S-CLIENT',
        'X-Password': 'S-PASS',
        'X-Request-Id': 'visible-id',
      },
      body: JSON.stringify({
        password: 'B-1',
        access_token: 'B-2',
        refresh_token: 'B-3',
        name: 'visible-name',
      }),
    });
    await transport.send({
      method: 'POST',
      url: 'http://api.test/form',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new TextEncoder().encode('username=u&password=F-1&client_secret=F-2'),
    });
    const recorded = `${JSON.stringify(transport.requests)}\n${inspect(transport.requests, { depth: 5 })}`;
    for (const secret of [
      ...secrets,
      'Q-1',
      'Q-2',
      'Q-3',
      'Q-4',
      'Q-5',
      'Q-6',
      'B-1',
      'B-2',
      'B-3',
      'F-1',
      'F-2',
    ]) {
      expect(recorded, secret).not.toContain(secret);
    }
    expect(recorded).toContain('visible-id');
    expect(recorded).toContain('visible-name');
    expect(recorded).toContain('page=2');
    expect(transport.requests[0]!.headers.Authorization).toBe('Bearer ****');
    expect(transport.requests[0]!.headers['Proxy-Authorization']).toBe('Basic ****');
  });

  test('a credential from a sensitive header is masked by value in the URL and body of the same request', async () => {
    const transport = createTestingTransport(() => ({ status: 204 }));
    await transport.send({
      method: 'POST',
      url: 'http://api.test/x?note=tok-VALUE-123',
      headers: {
        Authorization: 'Bearer tok-VALUE-123',
        'X-Api-Key': 'key-VALUE-9',
        Cookie: 'sid=ck-VALUE-7',
      },
      body: 'echo tok-VALUE-123, key-VALUE-9 and ck-VALUE-7',
    });
    const recorded = JSON.stringify(transport.requests);
    for (const secret of ['tok-VALUE-123', 'key-VALUE-9', 'ck-VALUE-7'])
      expect(recorded).not.toContain(secret);
    expect(transport.requests[0]!.body).toBe('echo ****, **** and ****');
  });
});
