/**
 * Opaque paging cursors, like OpenMetadata's `RestUtil.encodeCursor`: base64 of the sort key (here the fully
 * qualified name). Clients must treat them as opaque; the mock only needs them to round-trip.
 */
export function encodeCursor(sortKey: string): string {
  return Buffer.from(sortKey, 'utf8').toString('base64');
}

/** The sort key inside a cursor, or `undefined` when the cursor is not one this mock issued. */
export function decodeCursor(cursor: string): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(cursor)) return undefined;
  const sortKey = Buffer.from(cursor, 'base64').toString('utf8');
  return encodeCursor(sortKey) === cursor ? sortKey : undefined;
}
