import { createGroupCommit } from "./group-commit";

interface Item {
  id: string;
}

const grant = (id: string): Item => ({ id });

describe("group commit", () => {
  it("writes grants recorded in the same tick as one batch, and answers each after the write", async () => {
    const batches: string[][] = [];
    let committed = false;
    const record = createGroupCommit<Item>(async (grants) => {
      batches.push(grants.map((g) => g.id));
      await new Promise((r) => setTimeout(r, 5));
      committed = true;
    });
    const answers = await Promise.all(["a", "b", "c"].map((id) => record([grant(id)]).then(() => committed)));
    expect(batches).toEqual([["a", "b", "c"]]);
    expect(answers).toEqual([true, true, true]);
  });

  it("hands each caller the write's results for its own items, in order", async () => {
    const record = createGroupCommit<Item, string>(async (items) => items.map((item) => `done:${item.id}`));
    const answers = await Promise.all([record([grant("a"), grant("b")]), record([grant("c")]), record([grant("d"), grant("e")])]);
    expect(answers).toEqual([["done:a", "done:b"], ["done:c"], ["done:d", "done:e"]]);
  });

  it("gathers grants recorded during a write into the next batch", async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const record = createGroupCommit<Item>(async (grants) => {
      batches.push(grants.map((g) => g.id));
      if (batches.length === 1) await new Promise<void>((r) => (release = r));
    });
    const first = record([grant("a")]);
    await new Promise((r) => setImmediate(r));
    const second = record([grant("b")]);
    const third = record([grant("c")]);
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([["a"]]);
    release();
    await Promise.all([first, second, third]);
    expect(batches).toEqual([["a"], ["b", "c"]]);
  });

  it("rejects every caller when the store fails, and recovers for the next", async () => {
    let fail = true;
    const record = createGroupCommit(async () => {
      if (fail) throw new Error("disk full");
    });
    const results = await Promise.allSettled([record([grant("a")]), record([grant("b")])]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    fail = false;
    await expect(record([grant("c")])).resolves.toEqual([]);
  });

  it("isolates a bad caller: its neighbours are written again on their own and succeed", async () => {
    const committed: string[][] = [];
    const record = createGroupCommit<Item>(async (grants) => {
      if (grants.some((g) => g.id === "bad")) throw new Error("conflict");
      committed.push(grants.map((g) => g.id));
    });
    const results = await Promise.allSettled([record([grant("a")]), record([grant("bad")]), record([grant("c")])]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(committed).toEqual([["a"], ["c"]]);
  });

  it("fails a batch the database cannot write together with the callers queued behind it, writing once", async () => {
    let release!: () => void;
    let locked = true;
    const write = jest.fn(async () => {
      if (!locked) return;
      await new Promise<void>((r) => (release = r));
      throw Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    });
    const record = createGroupCommit<Item>(write);
    const first = Promise.allSettled([record([grant("a")]), record([grant("b")])]);
    await new Promise((r) => setImmediate(r));
    const queued = Promise.allSettled([record([grant("c")])]);
    release();
    expect([...(await first), ...(await queued)].map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(write).toHaveBeenCalledTimes(1);
    locked = false;
    await expect(record([grant("d")])).resolves.toEqual([]);
  });

  it("answers an empty record at once without writing", async () => {
    const write = jest.fn(async () => undefined);
    await createGroupCommit(write)([]);
    expect(write).not.toHaveBeenCalled();
  });

  it("reports each write to its observer: the items, the oldest caller's wait, and a failure", async () => {
    const seen: Array<{ ids: string[]; waitMs: number; writeMs: number; failed: boolean }> = [];
    let release!: () => void;
    const record = createGroupCommit<Item>(
      async (grants) => {
        if (grants.some((g) => g.id === "bad")) throw new Error("conflict");
        if (grants[0].id === "a") await new Promise<void>((r) => (release = r));
      },
      ({ items, waitMs, writeMs, error }) =>
        seen.push({ ids: items.map((g) => g.id), waitMs, writeMs, failed: error !== undefined }),
    );
    const first = record([grant("a")]);
    await new Promise((r) => setImmediate(r));
    const queued = [record([grant("b")]), record([grant("bad")])];
    await new Promise((r) => setTimeout(r, 30));
    release();
    await Promise.allSettled([first, ...queued]);
    expect(seen.map(({ ids, failed }) => ({ ids, failed }))).toEqual([
      { ids: ["a"], failed: false },
      { ids: ["b", "bad"], failed: true },
      { ids: ["b"], failed: false },
      { ids: ["bad"], failed: true },
    ]);
    expect(seen[0].writeMs).toBeGreaterThanOrEqual(25);
    expect(seen[1].waitMs).toBeGreaterThanOrEqual(25);
  });

  it("reports idle only once every queued and running write has settled", async () => {
    let release!: () => void;
    const record = createGroupCommit<Item>(async () => new Promise<void>((r) => (release = r)));
    await expect(record.idle()).resolves.toBeUndefined();
    const written = record([grant("a")]);
    let idle = false;
    const waited = record.idle().then(() => (idle = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(idle).toBe(false);
    release();
    await Promise.all([written, waited]);
    expect(idle).toBe(true);
  });
});
