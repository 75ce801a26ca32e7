/**
 * Opaque paging cursors, like OpenMetadata's `RestUtil.encodeCursor`: base64 of the sort key (here the fully
 * qualified name). Clients must treat them as opaque; the mock only needs them to round-trip. Written with
 * `btoa`/`TextEncoder` rather than `Buffer` so the handlers also run in a browser (MSW's service worker).
 */
export function encodeCursor(sortKey: string): string {
  return base64OfText(sortKey);
}

/** Base64 of a string's UTF-8 bytes, as Node's Buffer would give it, but browser-safe. */
export function base64OfText(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The sort key inside a cursor, or `undefined` when the cursor is not one this mock issued. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined;
  let sortKey: string;
  try {
    const bytes = Uint8Array.from(atob(cursor), (character) => character.charCodeAt(0));
    sortKey = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return encodeCursor(sortKey) === cursor ? sortKey : undefined;
}
