import { httpAuthorityStart } from '../check-request.js';

/**
 * The port of a plain `http(s)://host[:digits]/...` URL (a host of letters, digits, dots and dashes) without
 * parsing the whole URL, which would cost every request a URL object; `undefined` for anything else (user info,
 * IPv6, percent-escapes, ...), which goes to the URL parser. Digits are read as a number, as the parser does.
 * Node only (behind `#fetch-wire`): a browser bundle reads the port with `URL`, a few bytes instead of this.
 */
export function simplePort(url: string): string | undefined {
  const start = httpAuthorityStart(url);
  if (start === -1) return undefined;
  let colon = -1;
  let index = start;
  for (; index < url.length; index++) {
    const code = url.charCodeAt(index);
    if (code === 0x2f || code === 0x3f || code === 0x23) break;
    if (code === 0x3a && colon === -1) colon = index;
    else if (colon === -1 ? !isPlainHostCharacter(code) : code < 0x30 || code > 0x39) return undefined;
  }
  if (colon === -1) return '';
  if (colon === index - 1 || index - colon > 6) return undefined;
  return String(Number(url.slice(colon + 1, index)));
}

/** ASCII letters, digits, `.` and `-`. */
function isPlainHostCharacter(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d;
}
