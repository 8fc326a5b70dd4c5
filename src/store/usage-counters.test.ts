import { ObjectState } from "../domain/model";
import { QUOTA_NAMES, type QuotaUsage } from "../domain/quota";
import { DIALECTS } from "../../test/support/store/databases";
import { at, uploadFixture } from "../../test/support/store/fixtures";
import { mulberry32 } from "../../test/support/random";
import { useTestStore } from "../../test/support/store/use-store";
import { countedUsage, usageMoves } from "./usage-counters";

const TERMINAL: ObjectState[] = [ObjectState.REJECTED, ObjectState.EXPIRED, ObjectState.ABORTED];
const OWNERS = ["alice", "bob", "carol", "dave"];
const KEYS = Array.from({ length: 24 }, (_, i) => `fuzz/${i}`);
const STEPS = 300;

/** A seeded PRNG, so a failing run can be replayed from the seed it prints. */
function random(seed: number) {
  const next = mulberry32(seed);
  return { int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

type Model = Map<string, { owner: string; state: ObjectState; declared: number; size: number | null }>;

function modelUsage(model: Model, owner: string): QuotaUsage {
  const sum: QuotaUsage = { outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 };
  for (const o of model.values()) {
    if (o.owner !== owner) continue;
    const u = countedUsage({ owner_id: o.owner, state: o.state, declared_size: o.declared, size: o.size });
    for (const q of QUOTA_NAMES) sum[q] += u[q];
  }
  return sum;
}

describe("usageMoves", () => {
  it("nets each owner's changes into one move, in owner order, and leaves out owners that did not move", () => {
    const pending = (owner_id: string, declared_size: number) => ({
      owner_id,
      state: ObjectState.PENDING,
      declared_size,
      size: null,
    });
    const available = { owner_id: "a", state: ObjectState.AVAILABLE, declared_size: 10, size: 7 };
    const moves = usageMoves([
      { after: pending("b", 5) },
      { before: pending("a", 10), after: available },
      { before: pending("c", 3), after: { ...pending("c", 3), state: ObjectState.EXPIRED } },
      { after: pending("c", 3) },
      { before: { ...available, owner_id: "d", state: ObjectState.REJECTED } },
    ]);
    expect(moves).toEqual([
      ["a", -1, -10, 7],
      ["b", 1, 5, 0],
    ]);
  });
});

describe.each(DIALECTS)("usage counters under random lifecycles (%s)", (dialect) => {
  const t = useTestStore(dialect);

  it("always equal a recount of the objects, and never fall below the exact usage", async () => {
    const seed = Number(process.env.USAGE_FUZZ_SEED ?? Date.now() % 1_000_000);
    const rng = random(seed);
    const model: Model = new Map();
    let clock = 0;
    const grant = (key: string) => {
      const owner = rng.pick(OWNERS);
      const declared = 1 + rng.int(5_000_000_000);
      // Some grants expire at once: the counters keep counting them until they leave PENDING.
      const expiresAt = at(clock + (rng.int(3) === 0 ? 1 : 10_000));
      const upload = uploadFixture({ key, viewerId: owner, issuedAt: at(clock), expiresAt });
      return { owner, declared, upload: { grant: upload.grant, object: { ...upload.object, declaredSize: declared } } };
    };
    const step = async (): Promise<string> => {
      const op = rng.int(10);
      // Transitions mostly pick a PENDING object (so most of them move something), sometimes any key (a no-op).
      const pending = KEYS.filter((k) => model.get(k)?.state === ObjectState.PENDING);
      const key = op >= 2 && op <= 5 && pending.length > 0 && rng.int(4) > 0 ? rng.pick(pending) : rng.pick(KEYS);
      const o = model.get(key);
      const when = at(++clock);
      const leave = (state: ObjectState, size: number | null = null) =>
        o && o.state === ObjectState.PENDING && Object.assign(o, { state, size });
      switch (op) {
        case 0: {
          const batch = [...new Set([key, rng.pick(KEYS), rng.pick(KEYS)])].filter((k) => !model.has(k)).map(grant);
          await t.store.recordUploadGrants(batch.map((b) => b.upload));
          batch.forEach((b) =>
            model.set(b.upload.object.key, { owner: b.owner, state: ObjectState.PENDING, declared: b.declared, size: null }),
          );
          return `grant batch ${batch.length}`;
        }
        case 1: {
          if (o) return "grant skipped (key taken)";
          const g = grant(key);
          await t.store.recordUploadGrant(g.upload.grant, g.upload.object);
          model.set(key, { owner: g.owner, state: ObjectState.PENDING, declared: g.declared, size: null });
          return `grant ${key}`;
        }
        case 2: {
          const size = rng.int(6_000_000_000);
          const facts = { size, contentType: "image/png", etag: '"e"', versionId: "v", at: when };
          expect(await t.store.markAvailable(key, facts)).toBe(!!leave(ObjectState.AVAILABLE, size));
          return `complete ${key}`;
        }
        case 3:
          expect(await t.store.markRejected(key, { reason: "not a PNG", at: when })).toBe(!!leave(ObjectState.REJECTED));
          return `reject ${key}`;
        case 4:
          expect(await t.store.markExpired(key, when)).toBe(!!leave(ObjectState.EXPIRED));
          return `expire ${key}`;
        case 5:
          expect(await t.store.markAborted(key, when)).toBe(!!leave(ObjectState.ABORTED));
          return `abort ${key}`;
        case 6: {
          // The reaper's batch expiry: several keys in one transaction, PENDING ones move.
          const keys = [...new Set([key, rng.pick(KEYS), rng.pick(KEYS)])];
          const moving = keys.filter((k) => model.get(k)?.state === ObjectState.PENDING);
          expect((await t.store.markExpiredMany(keys, when)).sort()).toEqual(moving.sort());
          moving.forEach((k) => Object.assign(model.get(k)!, { state: ObjectState.EXPIRED, size: null }));
          return `expire many ${keys.join(",")}`;
        }
        case 7: {
          // Retention: every REJECTED, EXPIRED or ABORTED row last changed before now goes.
          const ended = [...model].filter(([, m]) => TERMINAL.includes(m.state)).map(([k]) => k);
          expect(await t.store.pruneTerminalObjects(at(clock + 1), 1000)).toBe(ended.length);
          ended.forEach((k) => model.delete(k));
          return `prune ${ended.length}`;
        }
        default: {
          // Deleting (any state); the next grant at this key takes it over.
          expect(await t.store.deleteObjectRow(key, when)).toBe(model.delete(key));
          return `delete ${key}`;
        }
      }
    };
    const history: string[] = [];
    try {
      for (let i = 0; i < STEPS; i++) {
        history.push(await step());
        const owner = rng.pick(OWNERS);
        const counted = await t.store.countedUsageOf(owner);
        expect(counted).toEqual(modelUsage(model, owner));
        const exact = await t.store.usageOf(owner, at(clock));
        for (const q of QUOTA_NAMES) expect(counted[q]).toBeGreaterThanOrEqual(exact[q]);
        if (i % 40 === 0) expect(await t.store.findUsageDrift()).toEqual([]);
      }
      // Concurrent transitions and grants commit their moves with them.
      await Promise.all(
        KEYS.map(async (key) => {
          const o = model.get(key);
          if (!o) return;
          if (await t.store.markExpired(key, at(++clock))) o.state = ObjectState.EXPIRED;
        }),
      );
      expect(await t.store.findUsageDrift()).toEqual([]);
      for (const owner of OWNERS) expect(await t.store.countedUsageOf(owner)).toEqual(modelUsage(model, owner));
    } catch (error) {
      const last = history.slice(-8).join("; ");
      throw new Error(`seed ${seed} (USAGE_FUZZ_SEED=${seed} replays it), after: ${last}\n${(error as Error).message}`, {
        cause: error,
      });
    }
  });
});

describe.each(DIALECTS)("usage counters when a write fails (%s)", (dialect) => {
  const t = useTestStore(dialect);

  it("move nothing when a batch of grants is refused for a taken key, and move for the batch that commits", async () => {
    const taken = uploadFixture({ key: "k/taken", viewerId: "alice" });
    await t.store.recordUploadGrant(taken.grant, taken.object);
    const fresh = uploadFixture({ key: "k/fresh", viewerId: "bob" });
    const clash = uploadFixture({ key: "k/taken", viewerId: "bob" });
    await expect(t.store.recordUploadGrants([fresh, clash])).rejects.toThrow();
    expect(await t.store.countedUsageOf("bob")).toEqual({ outstandingUploads: 0, pendingBytes: 0, storedBytes: 0 });
    await t.store.recordUploadGrants([fresh]);
    expect(await t.store.countedUsageOf("bob")).toEqual({ outstandingUploads: 1, pendingBytes: 1234, storedBytes: 0 });
    expect(await t.store.findUsageDrift()).toEqual([]);
  });
});
