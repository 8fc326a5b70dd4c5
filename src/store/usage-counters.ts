import { CompiledQuery, type Kysely } from "kysely";
import { ObjectState } from "../domain/model";
import type { QuotaLimits, QuotaUsage } from "../domain/quota";
import type { Dialect } from "./dialect";
import type { ObjectRecord } from "./records";
import type { ObjectsTable, Tables, UsageCountersTable } from "./tables";

// Per-owner usage counters (migration 0008). Every function that inserts, changes the state of or
// deletes object rows moves them in its own transaction, through `moveUsage`, so the counters
// always equal what the owner's rows add up to (`countedUsage`); `npm run usage:repair` checks it.

/** The columns of an object row that its owner's counters depend on. */
export type CountedRow = Pick<ObjectsTable, "owner_id" | "state" | "declared_size" | "size">;

/** One owner's counter change, in the column order of `usage_counters`. */
export type UsageMove = readonly [ownerId: string, outstandingUploads: number, pendingBytes: number, storedBytes: number];

/** A row as it was and as it is after a change; absent before an insert and after a deletion. */
export interface RowChange {
  before?: CountedRow;
  after?: CountedRow;
}

/** What one object row adds to its owner's counters: PENDING an upload and its declared bytes, AVAILABLE its verified bytes. */
export function countedUsage(row: CountedRow): QuotaUsage {
  if (row.state === ObjectState.PENDING) return { outstandingUploads: 1, pendingBytes: row.declared_size, storedBytes: 0 };
  if (row.state === ObjectState.AVAILABLE) return { outstandingUploads: 0, pendingBytes: 0, storedBytes: row.size ?? 0 };
  return { outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 };
}

/**
 * The net moves of some row changes: one per owner, in owner order (so concurrent transactions
 * lock counter rows in the same order and cannot deadlock), owners whose counters stay put left out.
 */
export function usageMoves(changes: Iterable<RowChange>): UsageMove[] {
  const net = new Map<string, [number, number, number]>();
  const add = (row: CountedRow | undefined, sign: 1 | -1) => {
    if (!row) return;
    const u = countedUsage(row);
    const m = net.get(row.owner_id) ?? [0, 0, 0];
    net.set(row.owner_id, [m[0] + sign * u.outstandingUploads, m[1] + sign * u.pendingBytes, m[2] + sign * u.storedBytes]);
  };
  for (const { before, after } of changes) {
    add(before, -1);
    add(after, 1);
  }
  return [...net]
    .filter(([, m]) => m.some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([owner, m]) => [owner, ...m] as const);
}

/** The moves of inserting these objects' rows. */
export const insertedUsage = (objects: readonly ObjectRecord[]) =>
  usageMoves(
    objects.map((o) => ({ after: { owner_id: o.ownerId, state: o.state, declared_size: o.declaredSize, size: o.size } })),
  );

/** Adds the moves to the counters inside `trx` (a transaction that also makes the changes they account for). */
export async function moveUsage(trx: Kysely<Tables>, moves: readonly UsageMove[]): Promise<void> {
  if (moves.length === 0) return;
  await trx
    .insertInto("usage_counters")
    .values(moves.map(toCountersRow))
    .onConflict((oc) =>
      oc.column("owner_id").doUpdateSet((eb) => ({
        outstanding_uploads: eb("usage_counters.outstanding_uploads", "+", eb.ref("excluded.outstanding_uploads")),
        pending_bytes: eb("usage_counters.pending_bytes", "+", eb.ref("excluded.pending_bytes")),
        stored_bytes: eb("usage_counters.stored_bytes", "+", eb.ref("excluded.stored_bytes")),
      })),
    )
    .execute();
}

/** The single-row upsert the SQLite writer thread prepares: parameters in `UsageMove` order. */
export const SQLITE_MOVE_USAGE = `insert into usage_counters (owner_id, outstanding_uploads, pending_bytes, stored_bytes)
  values (?, ?, ?, ?) on conflict (owner_id) do update set
  outstanding_uploads = usage_counters.outstanding_uploads + excluded.outstanding_uploads,
  pending_bytes = usage_counters.pending_bytes + excluded.pending_bytes,
  stored_bytes = usage_counters.stored_bytes + excluded.stored_bytes`;

function toCountersRow([owner_id, outstanding_uploads, pending_bytes, stored_bytes]: UsageMove): UsageCountersTable {
  return { owner_id, outstanding_uploads, pending_bytes, stored_bytes };
}

/**
 * One more PENDING upload of `size` bytes for an owner, admitted only if its counters then stay
 * within `limits` (null: unlimited), in one statement: the check and the increment cannot be
 * split by another writer, on any instance. The rule is quota.policy.ts's `exceededQuota` (stored
 * bytes count the pending ones too); a test compares the two. Parameters: `admissionParams`.
 */
function admitUsageSql(param: (n: 1 | 2 | 3 | 4 | 5) => string): string {
  // `param` is called at each use: SQLite's placeholders are positional.
  const within = (after: { uploads: string; pending: () => string; stored: () => string }) =>
    `(${param(3)} is null or ${after.uploads} <= ${param(3)}) and (${param(4)} is null or ${after.pending()} <= ${param(4)})
    and (${param(5)} is null or ${after.stored()} <= ${param(5)})`;
  // A first upload inserts the row (the select yields none when even an empty account refuses);
  // after that the conflict clause adds to it, or leaves it alone and changes no row.
  return `insert into usage_counters (owner_id, outstanding_uploads, pending_bytes, stored_bytes)
  select ${param(1)}, 1, ${param(2)}, 0 where ${within({ uploads: "1", pending: () => param(2), stored: () => param(2) })}
  on conflict (owner_id) do update set
    outstanding_uploads = usage_counters.outstanding_uploads + 1,
    pending_bytes = usage_counters.pending_bytes + excluded.pending_bytes
  where ${within({
    uploads: "usage_counters.outstanding_uploads + 1",
    pending: () => "usage_counters.pending_bytes + excluded.pending_bytes",
    stored: () => "usage_counters.stored_bytes + usage_counters.pending_bytes + excluded.pending_bytes",
  })}`;
}

/** An admission statement, and which of `admissionParams` each of its placeholders takes, in order. */
export interface AdmissionSql {
  text: string;
  order: number[];
}

// SQLite binds `?` placeholders by position (better-sqlite3 takes no numbered ones), so each use
// is its own placeholder; PostgreSQL cannot type a bare `$3 is null`, so its numbers are cast.
const sqliteAdmission = (): AdmissionSql => {
  const order: number[] = [];
  const text = admitUsageSql((n) => (order.push(n - 1), "?"));
  return { text, order };
};
/** The admission on SQLite, as the writer thread prepares it (its parameters bound by `bindAdmission`). */
export const SQLITE_ADMIT_USAGE = sqliteAdmission();
const POSTGRES_ADMIT_USAGE: AdmissionSql = {
  text: admitUsageSql((n) => (n === 1 ? "$1" : `$${n}::bigint`)),
  order: [0, 1, 2, 3, 4],
};

/** The parameters of one admission: owner, size, then the limits in `QUOTA_NAMES` order. */
export type AdmissionParams = readonly [ownerId: string, size: number, ...limits: (number | null)[]];

export const admissionParams = (ownerId: string, size: number, limits: QuotaLimits): AdmissionParams => [
  ownerId,
  size,
  limits.outstandingUploads,
  limits.pendingBytes,
  limits.storedBytes,
];

/** The values an admission statement binds, placeholder by placeholder. */
export const bindAdmission = (sql: AdmissionSql, params: AdmissionParams): unknown[] => sql.order.map((i) => params[i]);

/** Runs one admission inside `trx`; true when the counters moved (the upload may be recorded), false when they would exceed a limit. */
export async function admitUsage(trx: Kysely<Tables>, dialect: Dialect, params: AdmissionParams): Promise<boolean> {
  const sql = dialect === "postgres" ? POSTGRES_ADMIT_USAGE : SQLITE_ADMIT_USAGE;
  const result = await trx.executeQuery(CompiledQuery.raw(sql.text, bindAdmission(sql, params)));
  return Number(result.numAffectedRows ?? 0n) > 0;
}

/**
 * Takes the owner's counters row for the rest of `trx` (creating it at zero): every change that
 * adds to an owner's usage moves this row, so until `trx` ends none can commit, on any instance.
 * A write, so that SQLite takes its write lock here rather than failing to upgrade a read later.
 */
export async function lockUsage(trx: Kysely<Tables>, ownerId: string): Promise<void> {
  await trx
    .insertInto("usage_counters")
    .values({ owner_id: ownerId, outstanding_uploads: 0, pending_bytes: 0, stored_bytes: 0 })
    .onConflict((oc) =>
      oc.column("owner_id").doUpdateSet((eb) => ({ outstanding_uploads: eb.ref("usage_counters.outstanding_uploads") })),
    )
    .execute();
}
