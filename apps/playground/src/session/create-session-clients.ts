import { type AuthTokenProvider, REST } from '@meta/rest';
import { createFetchTransport, type Transport } from '@meta/transport';
import { createUndiciTransport } from '@meta/transport/undici';
import { type LoginResponse, MOCK_CREDENTIALS } from '../mock/index.js';
import type { TransportName } from './session-record.js';
import type { StepObserver } from './step-observer.js';

/** How the session authenticates: log in to the mock, or use a token given on the command line. */
export type SessionAuth =
  | { readonly kind: 'mock-login' }
  | { readonly kind: 'static-token'; readonly token: string };

/** The session's two clients and the transport they share. */
export interface SessionClients {
  readonly client: REST;
  readonly followClient: REST;
  close(): Promise<void>;
}

/** Backoff shortened by configuration (not by faking the client), so the whole run takes seconds. */
export const SESSION_RETRY = Object.freeze({ retry: 3, retryWait: 0.05, retryCodes: [429, 503, 504] });

function loginProvider(transport: Transport, baseUrl: string, observer: StepObserver): AuthTokenProvider {
  const password = Buffer.from(MOCK_CREDENTIALS.password, 'utf8').toString('base64');
  observer.addSecret(password);
  return async () => {
    observer.tokenRefreshed();
    const response = await transport.send({
      method: 'POST',
      url: `${baseUrl}/v1/users/login`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ email: MOCK_CREDENTIALS.email, password }),
      timeoutMs: 10_000,
    });
    if (response.status !== 200) {
      await response.cancel();
      throw new Error(`Login answered ${response.status}`);
    }
    const login = await response.json<LoginResponse>();
    observer.addSecret(login.accessToken);
    return [login.accessToken, new Date(login.expiryDuration)];
  };
}

function staticProvider(token: string, observer: StepObserver): AuthTokenProvider {
  observer.addSecret(token);
  return () => {
    observer.tokenRefreshed();
    // A token given on the command line is used as is for the whole run (a day is longer than any run).
    return [token, 24 * 60 * 60];
  };
}

/** Create the transport and the two clients a session uses, wired to the observer's hooks and logger. */
export function createSessionClients(
  transportName: TransportName,
  baseUrl: string,
  auth: SessionAuth,
  observer: StepObserver,
): SessionClients {
  const transport = transportName === 'fetch' ? createFetchTransport() : createUndiciTransport();
  const authToken =
    auth.kind === 'mock-login'
      ? loginProvider(transport, baseUrl, observer)
      : staticProvider(auth.token, observer);
  const config = {
    baseUrl,
    authToken,
    ...SESSION_RETRY,
    retryCodes: [...SESSION_RETRY.retryCodes],
    transport,
    timeoutMs: 10_000,
    logger: observer.logger,
    hooks: observer.hooks,
  };
  const client = new REST(config);
  const followClient = new REST({ ...config, allowRedirects: true });
  return {
    client,
    followClient,
    async close() {
      await Promise.all([client.close(), followClient.close()]);
      // REST never closes a transport it was given: the session owns it.
      await transport.close();
    },
  };
}
