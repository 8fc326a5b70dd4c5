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

// pg's own errors for a connection that went away or never came carry no SQLSTATE, only these texts.
const LOST_CONNECTION =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;
// admin_shutdown, crash_shutdown, cannot_connect_now; insufficient_resources (too_many_connections, …).
const PG_UNAVAILABLE = /^(57P0[123]|53...)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

/**
 * True when the registry could not answer now, whatever the statement: everything
 * `isDatabaseUnwritable` says, plus a connection the server ended or refused, one that dropped,
 * or none to be had in time.
 * Worth a retry, unlike a row that is wrong. Looks through `cause` (kysely and callers wrap).
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (isDatabaseUnwritable(e) || (typeof code === "string" && PG_UNAVAILABLE.test(code))) return true;
    if (typeof code === "string" && SOCKET_CODES.has(code)) return true;
    if (LOST_CONNECTION.test(e.message)) return true;
  }
  return false;
}
