import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";
import { reapAbandonedUploads, scheduleReaper, sweepStrayVersions } from "./reaper";

// Orchestration only (the lifecycle e2e suite reaps against Ceph and both databases):
// the row must leave PENDING before any bytes are deleted.
describe("reapAbandonedUploads", () => {
  const object = (key: string) => ({ key }) as ObjectRecord;

  function deps(won: Record<string, boolean>) {
    const calls: string[] = [];
    const pages = [[object("a"), object("b")], []];
    const fake = {
      config: { reaper: { graceSeconds: 0, concurrency: 1, leaseSeconds: 60 } },
      now: () => new Date(0),
      store: {
        claimReapable: async () => pages.shift() ?? [],
        // No grant row: nothing to verify (test/graphql/reaper-completion.test.ts verifies landed bytes).
        findUploadGrants: async () => new Map(),
        markExpiredMany: async (keys: string[]) => {
          calls.push(...keys.map((key) => `mark ${key}`));
          return keys.filter((key) => won[key]);
        },
      },
      objects: {
        removeVersions: async (key: string) => {
          calls.push(`remove ${key}`);
          return 1;
        },
      },
    };
    return { deps: fake as unknown as ServiceDeps, calls };
  }

  it("marks each object EXPIRED before deleting its bytes", async () => {
    const { deps: d, calls } = deps({ a: true, b: true });
    expect(await reapAbandonedUploads(d)).toEqual(["a", "b"]);
    expect(calls).toEqual(["mark a", "mark b", "remove a", "remove b"]);
  });

  it("leaves the bytes of an object that left PENDING meanwhile (a completeUpload won the race)", async () => {
    const { deps: d, calls } = deps({ a: false, b: true });
    expect(await reapAbandonedUploads(d)).toEqual(["b"]);
    expect(calls).not.toContain("remove a");
  });

  it("stops before the next key's clean-up once its signal aborts (the stray sweep removes what it left)", async () => {
    const { deps: d, calls } = deps({ a: true, b: true });
    const stop = new AbortController();
    d.objects.removeVersions = async (key) => (calls.push(`remove ${key}`), stop.abort(new Error("stopped")), 1);
    await expect(reapAbandonedUploads(d, stop.signal)).rejects.toThrow("stopped");
    expect(calls).toEqual(["mark a", "mark b", "remove a"]);
  });

  it.each([1, 3, 16])(
    "has at most REAP_CONCURRENCY (%i) objects' S3 clean-up under way at once, and reaps them all",
    async (n) => {
      const { deps: d } = deps({});
      const keys = Array.from({ length: 40 }, (_, i) => `k${i}`);
      const pages = [keys.map(object), []];
      let inFlight = 0;
      let most = 0;
      Object.assign(d.config.reaper, { concurrency: n });
      Object.assign(d.store, { claimReapable: async () => pages.shift() ?? [], markExpiredMany: async (k: string[]) => k });
      d.objects.removeVersions = async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return 1;
      };
      expect((await reapAbandonedUploads(d)).sort()).toEqual([...keys].sort());
      expect(most).toBe(n);
    },
  );
});

describe("sweepStrayVersions", () => {
  const ended = (key: string, seconds: number) => ({ grantId: `g-${key}`, key, expiresAt: new Date(seconds * 1000) });

  function deps(
    objects: Record<string, Partial<ObjectRecord> | null>,
    grants = Object.keys(objects).map((k, i) => ended(k, i + 1)),
    withdrawn: Array<ReturnType<typeof ended>> = [],
  ) {
    const removed: Array<[string, string | undefined]> = [];
    let mark: Date | null = null;
    const fake = {
      config: { reaper: { graceSeconds: 0, concurrency: 1 } },
      now: () => new Date(100_000),
      store: {
        readMark: async () => mark,
        writeMark: async (_name: string, at: Date) => void (mark = at),
        findEndedUploads: async (after: { expiresAt: Date }, until: Date) =>
          grants.filter((g) => g.expiresAt > after.expiresAt && g.expiresAt <= until),
        findWithdrawnUploads: async (after: { expiresAt: Date }) => withdrawn.filter((g) => g.expiresAt > after.expiresAt),
        findObjects: async (keys: string[]) => new Map(keys.flatMap((k) => (objects[k] ? [[k, objects[k]] as const] : []))),
      },
      objects: {
        removeVersions: async (key: string, { keep }: { keep?: string } = {}) => {
          removed.push([key, keep]);
          return 1;
        },
      },
    };
    return { deps: fake as unknown as ServiceDeps, removed, mark: () => mark };
  }

  it("keeps only an AVAILABLE object's verified version, and nothing of a rejected or deleted one", async () => {
    const d = deps({ ok: { state: "AVAILABLE", versionId: "v1" }, bad: { state: "REJECTED", versionId: null }, gone: null });
    expect(await sweepStrayVersions(d.deps)).toBe(3);
    expect(d.removed).toEqual([
      ["ok", "v1"],
      ["bad", undefined],
      ["gone", undefined],
    ]);
    expect(d.mark()).toEqual(new Date(100_000));
  });

  it("on every pass, sweeps revoked or deleted uploads whose forms are still valid, unless still PENDING", async () => {
    const live = [ended("deleted", 200), ended("revoked", 300), ended("racing", 400)];
    const objects = { deleted: null, revoked: { state: "AVAILABLE", versionId: "v2" }, racing: { state: "PENDING" } } as const;
    const d = deps(objects, [], live);
    expect(await sweepStrayVersions(d.deps)).toBe(2);
    await sweepStrayVersions(d.deps);
    expect(d.removed).toEqual([
      ["deleted", undefined],
      ["revoked", "v2"],
      ["deleted", undefined],
      ["revoked", "v2"],
    ]);
  });

  it("stops before an upload still PENDING and resumes from it on the next run", async () => {
    const objects: Record<string, Partial<ObjectRecord> | null> = { a: null, b: { state: "PENDING" }, c: null };
    const d = deps(objects);
    await sweepStrayVersions(d.deps);
    expect(d.removed.map(([k]) => k)).toEqual(["a"]);
    expect(d.mark()).toEqual(new Date(2000 - 1));
    objects.b = { state: "AVAILABLE", versionId: "v9" };
    await sweepStrayVersions(d.deps);
    expect(d.removed.map(([k]) => k)).toEqual(["a", "b", "c"]);
  });

  it("stops before the next key once its signal aborts, without moving its mark", async () => {
    const d = deps({ a: null, b: null });
    const stop = new AbortController();
    const removeVersions = d.deps.objects.removeVersions.bind(d.deps.objects);
    d.deps.objects.removeVersions = async (key, options) => (stop.abort(new Error("stopped")), removeVersions(key, options));
    await expect(sweepStrayVersions(d.deps, stop.signal)).rejects.toThrow("stopped");
    expect(d.removed.map(([k]) => k)).toEqual(["a"]);
    expect(d.mark()).toBeNull();
  });
});

describe("scheduleReaper", () => {
  afterEach(() => jest.useRealTimers());

  // Shutdown waits for the pass under way: it must end at its next step, not run to the end.
  it("ends a pass under way at its next step when stopped, without reporting that as a failure", async () => {
    jest.useFakeTimers();
    let releaseFirst!: (n: number) => void;
    const first = new Promise<number>((r) => (releaseFirst = r));
    const removing: string[] = [];
    const object = (key: string) => ({ key }) as ObjectRecord;
    const fake = {
      config: { reaper: { graceSeconds: 0, intervalSeconds: 1, concurrency: 1, leaseSeconds: 60 } },
      now: () => new Date(0),
      store: {
        runExclusive: (_name: string, work: (lost: AbortSignal) => Promise<unknown>) => work(new AbortController().signal),
        claimReapable: async () => [object("a"), object("b")],
        findUploadGrants: async () => new Map(),
        markExpiredMany: async (keys: string[]) => keys,
      },
      objects: {
        removeVersions: (key: string) => (removing.push(key), key === "a" ? first : Promise.resolve(1)),
      },
    };
    const onError = jest.fn();
    const stop = scheduleReaper(fake as unknown as ServiceDeps, onError);
    await jest.advanceTimersByTimeAsync(1000);
    expect(removing).toEqual(["a"]);
    const stopped = stop();
    releaseFirst(1);
    await stopped;
    expect(removing).toEqual(["a"]);
    expect(onError).not.toHaveBeenCalled();
  });
});
