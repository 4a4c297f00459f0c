import { AppError } from '../errors.js';
import { idPattern } from '../ids.js';

// Cursors are opaque to clients but simple inside: the last id of the page.
// Ids are sortable, so "id > cursor ORDER BY id" pages are stable under
// inserts: new rows land on the last page and never shift earlier ones.

const PREFIX = 'c1.';

export function encodeCursor(lastId: string): string {
  return PREFIX + Buffer.from(lastId, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, idPrefix: string): string {
  if (cursor.startsWith(PREFIX)) {
    const id = Buffer.from(cursor.slice(PREFIX.length), 'base64url').toString('utf8');
    if (idPattern(idPrefix).test(id)) return id;
  }
  throw new AppError('invalid_cursor', 'The cursor is not one this list handed out; start again without it.');
}

/** Fetch limit + 1 rows; this trims the extra and says whether there is more. */
export function page<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
}
