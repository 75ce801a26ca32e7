import { BlockList, isIP } from 'node:net';

/** The proxy variables Python `requests` and undici read; the lower-case spelling wins when both are set. */
const PROXY_VARIABLES = [
  ['http_proxy', 'HTTP_PROXY'],
  ['https_proxy', 'HTTPS_PROXY'],
] as const;

/** A variable by its lower-case name, else its upper-case one (an empty lower-case one wins: no proxy). */
function variable(environment: NodeJS.ProcessEnv, lower: string, upper: string): string {
  return (environment[lower] ?? environment[upper] ?? '').trim();
}

/**
 * True when `HTTP_PROXY` or `HTTPS_PROXY` (either case) names a proxy. Read once, when a transport is created; a
 * process without them gets a plain `Agent`, so `proxy: 'env'` costs nothing per request when no proxy is set.
 */
export function hasEnvironmentProxy(environment: NodeJS.ProcessEnv = process.env): boolean {
  return PROXY_VARIABLES.some(([lower, upper]) => variable(environment, lower, upper) !== '');
}

/** A variable's proxy URL; `proxy.corp:3128` without a scheme means `http://proxy.corp:3128`, as in `requests`. */
function proxyUrl(value: string): string | undefined {
  if (value === '') return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
}

/** The proxy settings of the environment, read once: each scheme's proxy URL (or none) and the bypass rule. */
export interface EnvironmentProxies {
  /** `HTTP_PROXY`: used for `http:` URLs only. */
  readonly http: string | undefined;
  /** `HTTPS_PROXY`: used for `https:` URLs only (as Python `requests`; `HTTP_PROXY` never carries them). */
  readonly https: string | undefined;
  /** True when `NO_PROXY` says to connect to this URL directly. */
  bypass(url: URL): boolean;
}

/** One `NO_PROXY` entry: a host name or domain suffix, an IP address, or an address range; maybe with a port. */
interface BypassEntry {
  readonly host: string;
  readonly port: string | undefined;
}

const DEFAULT_PORTS: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443' };

/** Split `name:port`, `[v6]:port`, `[v6]` and a bare IPv6 address (its colons are not a port). */
function bypassEntry(raw: string): BypassEntry {
  const entry = raw.toLowerCase().replace(/^\*/, '').replace(/^\./, '');
  const bracketed = /^\[([^\]]*)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1]!, port: bracketed[2] };
  if (isIP(entry) === 6 || entry.includes('/')) return { host: entry, port: undefined };
  const withPort = /^(.+):(\d+)$/.exec(entry);
  return withPort ? { host: withPort[1]!, port: withPort[2] } : { host: entry, port: undefined };
}

/** Address ranges (`10.0.0.0/8`, `fd00::/8`) as a BlockList; an entry that is not a valid range is ignored. */
function rangesOf(entries: readonly BypassEntry[]): BlockList {
  const ranges = new BlockList();
  for (const { host } of entries) {
    const [address = '', bits = ''] = host.split('/');
    const family = isIP(address);
    if (!host.includes('/') || family === 0 || !/^\d{1,3}$/.test(bits)) continue;
    if (Number(bits) <= (family === 4 ? 32 : 128))
      ranges.addSubnet(address, Number(bits), family === 4 ? 'ipv4' : 'ipv6');
  }
  return ranges;
}

/**
 * Read `HTTP_PROXY`, `HTTPS_PROXY` and `NO_PROXY` (either case, lower case first) as Python `requests` does:
 * each scheme uses its own variable only; `NO_PROXY` is a comma- or space-separated list of `*` (everything),
 * host names (also matching their subdomains; a leading `.` or `*.` is the same), IP addresses, CIDR ranges and
 * IPv6 addresses with or without brackets, each optionally with `:port`.
 */
export function environmentProxies(environment: NodeJS.ProcessEnv = process.env): EnvironmentProxies {
  const http = proxyUrl(variable(environment, 'http_proxy', 'HTTP_PROXY'));
  const https = proxyUrl(variable(environment, 'https_proxy', 'HTTPS_PROXY'));
  const words = variable(environment, 'no_proxy', 'NO_PROXY')
    .split(/[\s,]+/)
    .filter((word) => word !== '');
  const everything = words.includes('*');
  const entries = words.map(bypassEntry).filter((entry) => entry.host !== '');
  const ranges = rangesOf(entries);
  return {
    http,
    https,
    bypass(url) {
      if (everything) return true;
      const host = url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
      const port = url.port || DEFAULT_PORTS[url.protocol];
      const family = isIP(host);
      if (family !== 0 && ranges.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
      return entries.some(
        (entry) =>
          (entry.port === undefined || entry.port === port) &&
          (host === entry.host || (family === 0 && host.endsWith(`.${entry.host}`))),
      );
    },
  };
}
