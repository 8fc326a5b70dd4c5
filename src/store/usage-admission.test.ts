import { DIALECTS } from "../../test/support/store/databases";
import { mulberry32 } from "../../test/support/random";
import { useTestStore } from "../../test/support/store/use-store";
import type { QuotaLimits, QuotaUsage } from "../domain/quota";
import { exceededQuota } from "../policy/quota.policy";
import { admissionParams, admitUsage } from "./usage-counters";

// The admission statement (usage-counters.ts) against the policy it restates in SQL
// (quota.policy.ts `exceededQuota`): on random counters, limits and sizes they must agree.

describe.each(DIALECTS)("the usage admission in SQL agrees with the quota policy (%s)", (dialect) => {
  const t = useTestStore(dialect);

  it("admits and moves the counters exactly when the policy admits, on 300 random cases (existing rows and first uploads)", async () => {
    const seed = Number(process.env.ADMISSION_SEED ?? Date.now() % 100_000);
    const next = mulberry32(seed);
    const int = (n: number) => Math.floor(next() * n);
    // Values near the limits, where an off-by-one would show; bytes beyond 2^31 for the casts.
    const big = 3_000_000_000;
    const db = t.testDb.database.db;
    for (let i = 0; i < 300; i++) {
      const owner = `o${i}`;
      const fresh = int(4) === 0;
      const usage: QuotaUsage = fresh
        ? { outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 }
        : { outstandingUploads: int(6), pendingBytes: int(12) * (big / 8), storedBytes: int(12) * (big / 8) };
      if (!fresh) {
        await db
          .insertInto("usage_counters")
          .values({
            owner_id: owner,
            outstanding_uploads: usage.outstandingUploads,
            pending_bytes: usage.pendingBytes,
            stored_bytes: usage.storedBytes,
          })
          .execute();
      }
      const size = 1 + int(big);
      // Each limit unlimited, anywhere, or one below, at or one above what the upload would reach.
      const near = (reached: number, scale: number) => [null, int(scale), reached - 1, reached, reached + 1][int(5)];
      const limits: QuotaLimits = {
        outstandingUploads: near(usage.outstandingUploads + 1, 8),
        pendingBytes: near(usage.pendingBytes + size, 2 * big),
        storedBytes: near(usage.storedBytes + usage.pendingBytes + size, 4 * big),
      };
      const expected = exceededQuota(usage, limits, size) === null;
      const admitted = await db.transaction().execute((trx) => admitUsage(trx, dialect, admissionParams(owner, size, limits)));
      const row = await db.selectFrom("usage_counters").selectAll().where("owner_id", "=", owner).executeTakeFirst();
      const after = row && {
        outstandingUploads: row.outstanding_uploads,
        pendingBytes: row.pending_bytes,
        storedBytes: row.stored_bytes,
      };
      const context = `seed ${seed}, case ${i}: ${JSON.stringify({ usage, limits, size })}`;
      expect({ context, admitted }).toEqual({ context, admitted: expected });
      const moved = { ...usage, outstandingUploads: usage.outstandingUploads + 1, pendingBytes: usage.pendingBytes + size };
      expect({ context, after }).toEqual({ context, after: expected ? moved : fresh ? undefined : usage });
    }
  });
});
