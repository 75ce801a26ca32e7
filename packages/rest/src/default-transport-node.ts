import { readFileSync } from 'node:fs';
import { ClientClosedError, ConfigError } from '@meta/errors';
import type { Transport, TransportRequest, TransportResponse } from '@meta/transport';
// Null-prototype copies: a polluted `Object.prototype.rejectUnauthorized`, `ca`, `proxy` or `dispatcher` must
// never be read as an option we never set (that once turned verification off for every client).
import { ownOptions } from '@meta/transport/adapter';
import type { UndiciTransportOptions } from '@meta/transport/undici';

/** What REST tells the default transport factory. */
export interface DefaultTransportOptions {
  /** `true`, `false`, a CA bundle path or PEM text. */
  readonly verify: boolean | string;
  /** The connect deadline in milliseconds, already capped by `timeoutMs`. */
  readonly connectTimeoutMs: number;
  /** The client's logger: `verify: false` is warned about here, once per client. */
  readonly logger: { warn(message: string): void };
}

/** PEM text is recognised by its armour; anything else is a path. */
function readCertificateAuthority(verify: string): string {
  const isPath = !verify.includes('-----BEGIN');
  let bundle = verify;
  if (isPath) {
    try {
      bundle = readFileSync(verify, 'utf8');
    } catch (error) {
      throw new ConfigError(`verify: the CA bundle "${verify}" could not be read`, {
        field: 'verify',
        cause: error,
      });
    }
  }
  // A bundle without a certificate (another file, a key pasted by mistake) is bad config: refused here, at
  // construction and naming `verify`, not on the first request as the transport's `ca`. Never quotes PEM text.
  if (!bundle.includes('-----BEGIN CERTIFICATE-----')) {
    const name = isPath ? ` "${verify}"` : '';
    throw new ConfigError(`verify: the CA bundle${name} holds no PEM certificate`, { field: 'verify' });
  }
  return bundle;
}

/**
 * Node's bare "Cannot find package 'undici'" (an install that skipped it, a bundle that left it out) as a typed
 * `ConfigError` that says how to fix it; it is never retried. Any other import failure is left as it is.
 */
function undiciMissing(error: unknown): ConfigError | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' || !String(message).includes("'undici'")) return undefined;
  return new ConfigError(
    'transport: the default Node transport needs the undici package (npm install undici), ' +
      "or pass transport: createFetchTransport() from '@meta/transport'",
    { field: 'transport', cause: error },
  );
}

/**
 * An undici transport created when the first request is sent. Importing `@meta/rest` therefore loads neither
 * undici (about 140 ms on Node 20) nor its global-dispatcher side effect; a program that never sends pays
 * nothing. After the first request, `send` goes straight to the real transport.
 */
class LazyUndiciTransport implements Transport {
  readonly name = 'undici';
  readonly #options: UndiciTransportOptions;
  #transport: Transport | undefined;
  #loading: Promise<Transport> | undefined;
  #closed = false;

  constructor(options: UndiciTransportOptions) {
    this.#options = options;
  }

  send(request: TransportRequest): Promise<TransportResponse> {
    const transport = this.#transport;
    if (transport !== undefined) return transport.send(request);
    if (this.#closed) return Promise.reject(new ClientClosedError('the undici transport is closed'));
    return this.#load().then((loaded) => loaded.send(request));
  }

  #load(): Promise<Transport> {
    this.#loading ??= import('@meta/transport/undici').then(
      ({ createUndiciTransport }) => {
        this.#transport = createUndiciTransport(this.#options);
        return this.#transport;
      },
      (error: unknown) => {
        // A failed import (undici missing) is tried again on the next request instead of being cached.
        this.#loading = undefined;
        throw undiciMissing(error) ?? error;
      },
    );
    return this.#loading;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const transport = this.#transport ?? (await this.#loading?.catch(() => undefined));
    await transport?.close();
  }
}

/**
 * The Node default: an undici transport REST owns (and closes), loaded on the first request. `verify` is applied
 * to this transport only (never `NODE_TLS_REJECT_UNAUTHORIZED`, never the global dispatcher); an unreadable CA
 * bundle is still a `ConfigError` at construction. Proxies follow `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY`, as
 * Python `requests` does.
 */
export function createDefaultTransport(options: DefaultTransportOptions): Transport {
  const { verify, connectTimeoutMs } = options;
  const common = { connectTimeoutMs, proxy: 'env' } as const;
  if (verify === true) return new LazyUndiciTransport(ownOptions(common));
  if (verify === false) {
    // Only this transport can ever run with `verify: false` (a passed transport or the fetch default refuses
    // it), so the SPEC 3.7 warning lives here, out of the browser bundle.
    options.logger.warn('@meta/rest: verify is false, so TLS certificates are not checked for this client.');
    return new LazyUndiciTransport(ownOptions({ ...common, rejectUnauthorized: false }));
  }
  return new LazyUndiciTransport(ownOptions({ ...common, ca: readCertificateAuthority(verify) }));
}
