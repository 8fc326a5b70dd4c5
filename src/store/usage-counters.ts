import type { Kysely } from "kysely";
import { ObjectState } from "../domain/model";
import type { QuotaUsage } from "../domain/quota";
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
