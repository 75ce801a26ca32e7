import { checkedOptions, checkOption, isBoolean, isObject, isPemInput } from '../check-options.js';
import type { UndiciTransportOptions } from './undici-transport-options.js';

/** Every option {@link UndiciTransportOptions} knows; any other key is refused. */
export const UNDICI_OPTION_NAMES: readonly (keyof UndiciTransportOptions)[] = Object.freeze([
  'dispatcher',
  'connections',
  'keepAliveTimeoutMs',
  'connectTimeoutMs',
  'allowH2',
  'maxConcurrentStreams',
  'ca',
  'rejectUnauthorized',
  'minTlsVersion',
  'cert',
  'key',
  'proxy',
  'undici',
]);

function isDispatcher(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof (value as { dispatch?: unknown }).dispatch === 'function' &&
    typeof (value as { close?: unknown }).close === 'function'
  );
}

function isUndiciModule(value: unknown): boolean {
  if (!isObject(value)) return false;
  const module = value as Record<string, unknown>;
  return ['Agent', 'Pool', 'Client', 'ProxyAgent', 'EnvHttpProxyAgent', 'buildConnector'].every(
    (name) => typeof module[name] === 'function',
  );
}

/**
 * The options of `createUndiciTransport`, checked before anything is built: no unknown key, and every option of
 * the right kind (numbers are range-checked where the dispatcher is built). A wrong kind is a `ConfigError`
 * naming the option, never a `TypeError` from undici or TLS on the first request.
 */
export function checkedUndiciOptions(
  input: UndiciTransportOptions | null | undefined,
): UndiciTransportOptions {
  const options = checkedOptions(input, UNDICI_OPTION_NAMES, 'createUndiciTransport');
  checkOption(options.dispatcher, 'dispatcher', isDispatcher, 'an undici Dispatcher (Agent, Pool, ...)');
  checkOption(options.allowH2, 'allowH2', isBoolean, 'a boolean');
  checkOption(options.rejectUnauthorized, 'rejectUnauthorized', isBoolean, 'a boolean');
  for (const field of ['ca', 'cert', 'key'] as const) {
    checkOption(options[field], field, isPemInput, 'PEM text or bytes, or a list of them');
  }
  checkOption(
    options.minTlsVersion,
    'minTlsVersion',
    (value) => value === 'TLSv1.2' || value === 'TLSv1.3',
    "'TLSv1.2' or 'TLSv1.3'",
  );
  checkOption(
    options.proxy,
    'proxy',
    (value) => typeof value === 'string' || value === false,
    'an http: or https: URL, "env" or false',
  );
  checkOption(options.undici, 'undici', isUndiciModule, 'the undici module');
  return options;
}
