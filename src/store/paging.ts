import { InvalidCursorError } from "./errors";
import type { Page } from "./types";

// A cursor is base64url(JSON [tag, epochMs, id]). The tag stops a grants cursor from being
// replayed against the objects listing, where the same shape would silently mean something else.

/** Which listing a cursor belongs to. */
export type CursorTag = "g" | "o" | "w";

/** The sort key of the last row on a page: (time desc, id desc). */
export interface SortKey {
  at: number;
  id: string;
}

/** Opaque cursor for a sort key. */
export function encodeCursor(tag: CursorTag, key: SortKey): string {
  return Buffer.from(JSON.stringify([tag, key.at, key.id]), "utf8").toString("base64url");
}

/** Sort key of a cursor issued by `encodeCursor` with the same tag; throws InvalidCursorError otherwise. */
export function decodeCursor(tag: CursorTag, cursor: string): SortKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw new InvalidCursorError(cursor);
  const [parsedTag, at, id] = parsed as unknown[];
  if (parsedTag !== tag || !Number.isSafeInteger(at) || typeof id !== "string") {
    throw new InvalidCursorError(cursor);
  }
  return { at: at as number, id };
}

/**
 * Page from rows fetched with `limit first + 1`: the extra row only proves a next page exists.
 */
export function toPage<Row, Item>(
  rows: Row[],
  first: number,
  tag: CursorTag,
  sortKey: (row: Row) => SortKey,
  toItem: (row: Row) => Item,
): Page<Item> {
  const pageRows = rows.slice(0, first);
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    hasNextPage: rows.length > first,
    endCursor: last === undefined ? null : encodeCursor(tag, sortKey(last)),
  };
}
