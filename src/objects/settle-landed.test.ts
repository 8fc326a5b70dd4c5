import { GrantKind, ObjectState, UploadMethod } from "../domain/model";
import type { ServiceDeps } from "../services/deps";
import { pendingObject } from "../store/rows";
import type { ObjectRecord, UploadGrantRecord } from "../store/types";
import { uploadFixture } from "../../test/support/store/fixtures";
import { inspectLanded, inspectLandedMany } from "./settle-landed";

// inspectLandedMany must decide for every object what inspectLanded decides for it alone, races
// included: each case runs both over the same fake registry and bucket and compares verdicts,
// and side effects (a key with bytes gets one HEAD more: verifyLanded looks again).

type Race = "completed" | "deleted" | "replaced" | "revoked";
interface Case {
  bytes?: boolean;
  grant?: "none" | "download" | "revoked";
  multipart?: boolean;
  /** What changes in the registry once the key has been looked at in the bucket. */
  race?: Race;
}

function world(cases: Case[]) {
  const log: string[] = [];
  const grants = new Map<string, UploadGrantRecord>();
  const objects = new Map<string, ObjectRecord>();
  const bucket = new Set<string>();
  const races = new Map<string, Race>();
  const claimed = cases.map((c, i) => {
    const transfer = c.multipart
      ? ({ method: UploadMethod.MULTIPART, uploadId: `up-${i}`, partSize: 1024, partCount: 1, contentMd5: null } as const)
      : undefined;
    const { grant, object } = uploadFixture({ id: `g${i}`, key: `k${i}` }, transfer);
    if (c.grant !== "none")
      grants.set(grant.id, {
        ...grant,
        kind: c.grant === "download" ? (GrantKind.DOWNLOAD as never) : GrantKind.UPLOAD,
        revokedAt: c.grant === "revoked" ? new Date(1) : null,
      });
    const record = pendingObject(object);
    objects.set(object.key, record);
    if (c.bytes) bucket.add(object.key);
    if (c.race) races.set(object.key, c.race);
    return record;
  });
  const looked = (key: string) => {
    const race = races.get(key);
    races.delete(key);
    const o = objects.get(key)!;
    if (race === "completed") objects.set(key, { ...o, state: ObjectState.AVAILABLE });
    if (race === "deleted") objects.delete(key);
    if (race === "replaced") objects.set(key, { ...o, grantId: "someone-else" });
    if (race === "revoked") objects.set(key, { ...o, state: ObjectState.REJECTED });
  };
  const settle = (key: string, state: ObjectState) => {
    const o = objects.get(key);
    if (o?.state !== ObjectState.PENDING) return false;
    objects.set(key, { ...o, state });
    log.push(`${state} ${key}`);
    return true;
  };
  const deps = {
    now: () => new Date(10_000_000),
    store: {
      findGrant: async (id: string) => grants.get(id) ?? null,
      findUploadGrants: async (ids: string[]) =>
        new Map(ids.flatMap((id) => (grants.get(id)?.kind === GrantKind.UPLOAD ? [[id, grants.get(id)!] as const] : []))),
      findObject: async (key: string) => (log.push(`read ${key}`), objects.get(key) ?? null),
      findObjects: async (keys: string[]) =>
        new Map(keys.flatMap((key) => (log.push(`read ${key}`), objects.has(key) ? [[key, objects.get(key)!] as const] : []))),
      markRejected: async (key: string) => settle(key, ObjectState.REJECTED),
      markAvailable: async (key: string) => settle(key, ObjectState.AVAILABLE),
    },
    objects: {
      head: async (key: string) => {
        log.push(`head ${key}`);
        const there = bucket.has(key);
        looked(key);
        return there ? { size: 64, contentType: "image/png", etag: '"e"', versionId: "v1" } : null;
      },
      readStart: async () => new TextEncoder().encode("<html>not a png</html>"),
      removeVersions: async (key: string) => (log.push(`remove ${key}`), bucket.delete(key), 1),
    },
    multipart: {
      listParts: async (key: string) => (log.push(`list parts ${key}`), looked(key), null),
    },
  };
  return { deps: deps as unknown as ServiceDeps, claimed, log };
}

const cases: Array<[string, Case]> = [
  ["nothing landed", {}],
  ["nothing landed, completed meanwhile", { race: "completed" }],
  ["nothing landed, object deleted meanwhile", { race: "deleted" }],
  ["nothing landed, key taken by another grant meanwhile", { race: "replaced" }],
  ["nothing landed, rejected by a revocation meanwhile", { race: "revoked" }],
  ["junk bytes landed", { bytes: true }],
  ["junk bytes landed, completed meanwhile", { bytes: true, race: "completed" }],
  ["no grant row", {}],
  ["a download grant's id", { grant: "download" }],
  ["a revoked grant", { grant: "revoked", bytes: true }],
  ["a multipart upload S3 no longer holds", { multipart: true }],
];
cases[7][1].grant = "none";

describe("inspectLandedMany", () => {
  it.each(cases)("decides as inspectLanded does: %s", async (_, c) => {
    const alone = world([c]);
    const expected = await inspectLanded(alone.deps, alone.claimed[0]);
    const batch = world([c]);
    expect(await inspectLandedMany(batch.deps, batch.claimed, 4)).toEqual([expected]);
    const effects = (log: string[]) => log.filter((l) => !l.startsWith("read ") && !l.startsWith("head "));
    expect(effects(batch.log)).toEqual(effects(alone.log));
    const heads = (log: string[]) => log.filter((l) => l.startsWith("head ")).length;
    expect(heads(batch.log)).toBeLessThanOrEqual(heads(alone.log) + 1);
  });

  it("decides a whole batch of every case as inspectLanded does each, reading each empty key once", async () => {
    const all = cases.map(([, c]) => c);
    const alone = world(all);
    const expected = [];
    for (const o of alone.claimed) expected.push(await inspectLanded(alone.deps, o));
    const batch = world(all);
    expect(await inspectLandedMany(batch.deps, batch.claimed, 3)).toEqual(expected);
    const emptyKeys = batch.claimed.filter((_, i) => !all[i].bytes && !all[i].multipart && !all[i].grant).map((o) => o.key);
    const reads = batch.log.filter((l) => l.startsWith("read ")).map((l) => l.slice(5));
    expect(reads.filter((k) => emptyKeys.includes(k)).sort()).toEqual([...emptyKeys].sort());
  });
});
