import { createKeyedLock } from "./keyed-lock";

/** A task that records when it starts and ends, and finishes when told to. */
function task(log: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (error: Error) => void;
  const run = () => {
    log.push(`${name} start`);
    return new Promise<string>((ok, ko) => {
      finish = (v) => {
        log.push(`${name} end`);
        ok(v);
      };
      fail = ko;
    });
  };
  return { run, finish: (v = name) => finish(v), fail: (e: Error) => fail(e) };
}

const turn = () => new Promise((r) => setImmediate(r));

describe("createKeyedLock", () => {
  it("runs tasks with the same key one after another, in arrival order", async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((n) => task(log, n));
    const results = [lock("alice", a.run), lock("alice", b.run), lock("alice", c.run)];
    await turn();
    expect(log).toEqual(["a start"]);
    a.finish();
    await turn();
    b.finish();
    await turn();
    c.finish();
    expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
    expect(log).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
  });

  it("lets tasks with different keys run at the same time", async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const [a, b] = ["a", "b"].map((n) => task(log, n));
    const results = [lock("alice", a.run), lock("bob", b.run)];
    await turn();
    expect(log).toEqual(["a start", "b start"]);
    b.finish();
    a.finish();
    await Promise.all(results);
  });

  it("releases the key when a task fails, and passes the failure to its caller only", async () => {
    const lock = createKeyedLock();
    const log: string[] = [];
    const [a, b] = ["a", "b"].map((n) => task(log, n));
    const first = lock("alice", a.run);
    const second = lock("alice", b.run);
    await turn();
    a.fail(new Error("boom"));
    await expect(first).rejects.toThrow("boom");
    await turn();
    b.finish();
    await expect(second).resolves.toBe("b");
  });

  it("gives up on a task that waited longer than maxWaitMs for its turn, and keeps the order for the rest", async () => {
    const lock = createKeyedLock({ maxWaitMs: 20, onTimeout: () => new Error("busy") });
    const log: string[] = [];
    const [a, b, c] = ["a", "b", "c"].map((n) => task(log, n));
    const first = lock("alice", a.run);
    const second = lock("alice", b.run);
    await expect(second).rejects.toThrow("busy");
    const third = lock("alice", c.run);
    await turn();
    expect(log).toEqual(["a start"]);
    a.finish();
    await first;
    await turn();
    expect(log).toEqual(["a start", "a end", "c start"]);
    c.finish();
    await expect(third).resolves.toBe("c");
  });
});
