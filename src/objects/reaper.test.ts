import type { ServiceDeps } from "../services/deps";
import type { ObjectRecord } from "../store/types";
import { reapAbandonedUploads } from "./reaper";

// Orchestration only (the lifecycle e2e suite reaps against Ceph and both databases):
// the row must leave PENDING before any bytes are deleted.
describe("reapAbandonedUploads", () => {
  const object = (key: string) => ({ key }) as ObjectRecord;

  function deps(won: Record<string, boolean>) {
    const calls: string[] = [];
    const pages = [[object("a"), object("b")], []];
    const fake = {
      config: { reaper: { graceSeconds: 0 } },
      now: () => new Date(0),
      store: {
        findReapable: async () => pages.shift() ?? [],
        markExpired: async (key: string) => {
          calls.push(`mark ${key}`);
          return won[key];
        },
      },
      objects: {
        remove: async (key: string) => {
          calls.push(`remove ${key}`);
        },
      },
    };
    return { deps: fake as unknown as ServiceDeps, calls };
  }

  it("marks each object EXPIRED before deleting its bytes", async () => {
    const { deps: d, calls } = deps({ a: true, b: true });
    expect(await reapAbandonedUploads(d)).toEqual(["a", "b"]);
    expect(calls).toEqual(["mark a", "remove a", "mark b", "remove b"]);
  });

  it("leaves the bytes of an object that left PENDING meanwhile (a completeUpload won the race)", async () => {
    const { deps: d, calls } = deps({ a: false, b: true });
    expect(await reapAbandonedUploads(d)).toEqual(["b"]);
    expect(calls).not.toContain("remove a");
  });
});
