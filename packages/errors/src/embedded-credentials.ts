/**
 * Credentials that hide inside longer strings: the values of sensitive `name=value` pairs (query strings, form
 * bodies, messages that quote a URL) and URL userinfo. Every scanner here visits each character a bounded number
 * of times, so hostile input (`'&a='` or `'://'` repeated) costs linear time: no regular expression that can
 * backtrack.
 */
import { isSensitiveParameterName, REDACTED } from './sensitive-names.js';

// A parameter name longer than this is treated by its last characters only, which keeps back-scans bounded.
const MAX_NAME_CHARACTERS = 256;

/** Letters, digits, `-`, `.`, `_` and `%` (an encoded name such as access%5Ftoken). */
function isNameCharacter(character: string | undefined): boolean {
  return character !== undefined && /[\w.%-]/.test(character);
}

// Whitespace as HTTP and URLs know it (no Unicode spaces: a value may legitimately contain them).
const WHITESPACE = ' \t\r\n\f\v';

// Characters that end a value in free text: pair separators, fragment, whitespace, quotes and brackets.
const VALUE_ENDS = `&#;,)]}<>"'\`\\${WHITESPACE}`;

// Characters that end a URL authority (the part after `//` that may hold `user:password@`).
const AUTHORITY_ENDS = `/?#\\<>"'\`${WHITESPACE}`;

// Punctuation that ends a value only when followed by whitespace or the end: `token=abc: failed`, `key=abc.`
const TRAILING_PUNCTUATION = ':.!?';

/** True when `character` (one UTF-16 unit, or `undefined` past the end) is in `set`. */
const isIn = (set: string, character: string | undefined): boolean =>
  character !== undefined && set.includes(character);

function endsValue(text: string, index: number): boolean {
  const character = text[index];
  if (isIn(VALUE_ENDS, character)) return true;
  if (!isIn(TRAILING_PUNCTUATION, character)) return false;
  const next = text[index + 1];
  return next === undefined || isIn(WHITESPACE, next);
}

function decodeName(raw: string): string {
  // Most names hold neither escapes nor `+`: skip the decoder (and its exception path) for them.
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    // A malformed escape is still checked by its raw spelling.
    return raw;
  }
}

/**
 * Mask the values of sensitive pairs in a query string or fragment (without its leading `?` or `#`), keeping
 * every other byte as it was: `a=1&token=abc` -> `a=1&token=****`.
 */
export function maskQueryPairs(query: string): string {
  const pairs = query.split('&');
  let changed = false;
  for (let index = 0; index < pairs.length; index++) {
    const pair = pairs[index]!;
    const equals = pair.indexOf('=');
    if (equals === -1) continue;
    const rawName = pair.slice(0, equals);
    if (isSensitiveParameterName(decodeName(rawName))) {
      pairs[index] = `${rawName}=${REDACTED}`;
      changed = true;
    }
  }
  return changed ? pairs.join('&') : query;
}

/**
 * Mask `user:password@` after every `//` in the text (`https://` and scheme-relative `//host` alike), with a
 * backslash in either place too: URL parsers read `\\host` as `//host`, so a Location may carry userinfo that way.
 */
function maskUserinfo(text: string): string {
  let output = '';
  let copied = 0;
  // Each authority is scanned once: it ends at the next slash or backslash, where the next match can start.
  for (const { index } of text.matchAll(/[/\\]{2}/g)) {
    const start = index + 2;
    let at = -1;
    for (let end = start; end < text.length && !isIn(AUTHORITY_ENDS, text[end]!); end++) {
      if (text[end] === '@') at = end;
    }
    if (at !== -1) {
      output += `${text.slice(copied, start)}${REDACTED}`;
      copied = at;
    }
  }
  return copied === 0 ? text : output + text.slice(copied);
}

/** Mask the value of every `name=value` whose name is sensitive, wherever it stands in the text. */
function maskSensitivePairs(text: string): string {
  let output = '';
  let copied = 0;
  // Names are read backwards from each `=`, never past `floor`, so no character is read twice.
  let floor = 0;
  for (let equals = text.indexOf('='); equals !== -1; equals = text.indexOf('=', floor)) {
    let nameStart = equals;
    while (
      nameStart > floor &&
      equals - nameStart < MAX_NAME_CHARACTERS &&
      isNameCharacter(text[nameStart - 1])
    ) {
      nameStart--;
    }
    floor = equals + 1;
    if (nameStart === equals || !isSensitiveParameterName(decodeName(text.slice(nameStart, equals))))
      continue;
    let valueEnd = equals + 1;
    while (valueEnd < text.length && !endsValue(text, valueEnd)) valueEnd++;
    if (valueEnd > equals + 1) {
      output += `${text.slice(copied, equals + 1)}${REDACTED}`;
      copied = valueEnd;
    }
    floor = valueEnd;
  }
  return copied === 0 ? text : output + text.slice(copied);
}

/**
 * Mask the string value of every `"name": "value"` whose name is sensitive: JSON quoted in text (a snippet of a
 * body that failed to parse, a text/plain body holding JSON). An unterminated value (a cut snippet) is masked to
 * the end.
 */
function maskQuotedPairs(text: string): string {
  let output = '';
  let copied = 0;
  let floor = 0;
  for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', floor)) {
    const lower = floor;
    floor = colon + 1;
    let nameEnd = colon;
    while (nameEnd > lower && isIn(WHITESPACE, text[nameEnd - 1])) nameEnd--;
    if (nameEnd - 1 < lower || text[nameEnd - 1] !== '"') continue;
    nameEnd--;
    let nameStart = nameEnd;
    while (
      nameStart > lower &&
      nameEnd - nameStart < MAX_NAME_CHARACTERS &&
      isNameCharacter(text[nameStart - 1])
    ) {
      nameStart--;
    }
    if (nameStart === nameEnd || text[nameStart - 1] !== '"') continue;
    if (!isSensitiveParameterName(text.slice(nameStart, nameEnd))) continue;
    let valueStart = colon + 1;
    while (valueStart < text.length && isIn(WHITESPACE, text[valueStart])) valueStart++;
    floor = valueStart;
    if (text[valueStart] !== '"') continue;
    let valueEnd = valueStart + 1;
    while (valueEnd < text.length && text[valueEnd] !== '"') valueEnd += text[valueEnd] === '\\' ? 2 : 1;
    valueEnd = Math.min(valueEnd, text.length);
    output += `${text.slice(copied, valueStart + 1)}${REDACTED}`;
    copied = valueEnd;
    floor = Math.max(valueEnd, valueStart + 1);
  }
  return copied === 0 ? text : output + text.slice(copied);
}

/**
 * Mask credentials embedded in free text: URL userinfo (`https://user:pw@host` -> `https://****@host`) and the
 * values of sensitive `name=value` pairs (`?token=abc` -> `?token=****`, also `password=abc` in a message) and
 * of quoted JSON pairs (`"password": "abc"` -> `"password": "****"`).
 */
export function maskEmbeddedCredentials(text: string): string {
  // Each scanner returns the text itself when it finds nothing to mask.
  return maskQuotedPairs(maskSensitivePairs(maskUserinfo(text)));
}
