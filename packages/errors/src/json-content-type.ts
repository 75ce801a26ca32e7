/** True for `application/json` or `<type>/<subtype>+json`, already lowercased and without parameters. */
function isJsonMediaType(mediaType: string): boolean {
  if (mediaType === 'application/json') return true;
  const slash = mediaType.indexOf('/');
  return slash > 0 && mediaType.length > slash + 6 && mediaType.endsWith('+json');
}

/** The media type of one Content-Type value: parameters dropped, trimmed, lowercased. */
function mediaTypeOf(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}

/**
 * True when a `Content-Type` value names JSON (SPEC 3.8): `application/json` or `*\/*+json`, case-insensitive,
 * parameters ignored. A header sent twice arrives joined with `, ` (`application/json, application/json`): when
 * every repeated value names the same JSON media type it is still JSON; different media types are not. A comma
 * inside a quoted parameter (`; profile="a,b"`) is not a separator. The one home of this rule: errors, both
 * transports and the REST client all read JSON labels through it.
 *
 * @example
 * ```ts
 * isJsonContentType('application/problem+json; charset=utf-8'); // true
 * isJsonContentType('text/json'); // false
 * ```
 */
export function isJsonContentType(contentType: string | null | undefined): boolean {
  // Anything but a string (no header, a hand-built record holding an array) is not a JSON label.
  if (typeof contentType !== 'string') return false;
  const values = splitOutsideQuotes(contentType);
  const first = mediaTypeOf(values[0]!);
  if (!isJsonMediaType(first)) return false;
  for (let index = 1; index < values.length; index++) {
    if (mediaTypeOf(values[index]!) !== first) return false;
  }
  return true;
}

/** Split a joined header value at commas that are not inside a quoted string. */
function splitOutsideQuotes(value: string): string[] {
  if (!value.includes(',')) return [value];
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let index = 0; index < value.length; index++) {
    const character = value[index];
    if (character === '\\' && quoted) index++;
    else if (character === '"') quoted = !quoted;
    else if (character === ',' && !quoted) {
      parts.push(value.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}
