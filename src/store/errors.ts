/** A row with the same identity already exists: an object key, or a grant id. */
export class ConflictError extends Error {
  override readonly name = "ConflictError";

  /** `id` is undefined when a batch insert cannot tell which of its rows collided. */
  constructor(
    readonly entity: "grant" | "object",
    readonly id: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(`${entity} ${id === undefined ? "in batch" : JSON.stringify(id)} already exists`, options);
  }
}

/** A pagination cursor that this store did not issue for this listing. */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";

  constructor(readonly cursor: string) {
    super("invalid pagination cursor");
  }
}

/** True for a primary-key/unique violation from either driver (pg or better-sqlite3). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/**
 * True when the database as a whole cannot write right now (SQLite busy or locked past the busy
 * timeout, read-only, an I/O error, a full disk), as opposed to one row being wrong.
 */
export function isDatabaseUnwritable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  // PostgreSQL: lock_not_available (lock_timeout), query_canceled (statement_timeout), disk_full,
  // read_only_sql_transaction, and the connection-exception class 08.
  return (
    typeof code === "string" &&
    (/^SQLITE_(BUSY|LOCKED|READONLY|IOERR|FULL|CANTOPEN)/.test(code) || /^(55P03|57014|53100|25006|08...)$/.test(code))
  );
}
