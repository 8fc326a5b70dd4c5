import { AbortUploadDocument, RequestUploadDocument } from "../../client/generated/graphql";
import { runReaper } from "../../src/objects/reaper";
import { STRAYS_MARK } from "../../src/objects/reaper-strays";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

const RETENTION = 3600;
const GRACE = 60;

// Rows kept forever were issue 22's complaint: terminal objects and their upload grants go after
// GRANT_RETENTION_SECONDS, whatever the stray sweep's mark, yet never before their key was swept.
describe("retention of terminal objects and upload grants", () => {
  let t: InProcessApp;
  let alice: string;
  let clock = Date.now();

  beforeAll(async () => {
    t = await startInProcessApp(
      { GRANT_RETENTION_SECONDS: String(RETENTION), REAP_GRACE_SECONDS: String(GRACE), REAP_INTERVAL_SECONDS: "0" },
      { now: () => new Date(clock) },
    );
    alice = await tokenFor("alice");
  });
  afterAll(() => t.close());

  const grant = async () =>
    dataOf(await t.gql(RequestUploadDocument, { input: avatarInput({ expiresIn: 60 }) }, alice)).requestUpload;
  const pass = async (seconds: number) => {
    clock += seconds * 1000;
    return runReaper(t.app.services);
  };
  const onRecord = async (g: { id: string; key: string }) => ({
    object: (await t.app.services.store.findObject(g.key))?.state ?? null,
    grant: (await t.app.services.store.findGrant(g.id)) !== null,
  });

  it("keeps an EXPIRED or ABORTED object and its grant within the retention, and prunes both after it", async () => {
    const expired = await grant();
    const aborted = await grant();
    dataOf(await t.gql(AbortUploadDocument, { grantId: aborted.id }, alice));
    expect((await pass(60 + GRACE + 1)).reaped).toEqual([expired.key]);

    await pass(RETENTION / 2);
    expect(await onRecord(expired)).toEqual({ object: "EXPIRED", grant: true });
    expect(await onRecord(aborted)).toEqual({ object: "ABORTED", grant: true });

    expect((await pass(RETENTION / 2 + 1)).prunedObjects).toBe(2);
    expect(await onRecord(expired)).toEqual({ object: null, grant: false });
    expect(await onRecord(aborted)).toEqual({ object: null, grant: false });
  });

  it("prunes past a stray-sweep mark held back by an upload still PENDING, sweeping each key before its grant goes", async () => {
    const held = await grant();
    clock += 1000;
    const rejected = await grant();
    const { store } = t.app.services;
    // Another instance's claim holds `held` PENDING, so the sweep stops before it on every pass.
    const claimed = await store.claimReapable(new Date(clock + 3_600_000), 0, new Date(clock + 86_400_000), 10);
    expect(claimed.map((o) => o.key)).toContain(held.key);
    await store.markRejected(rejected.key, { reason: "not a png", at: new Date(clock) });
    t.upload(rejected, pngBytes(64)); // a replay after the rejection: stray bytes only the sweep removes

    await pass(RETENTION + GRACE + 120);
    const heldUntil = (await store.findGrant(held.id))!.expiresAt;
    expect((await store.readMark(STRAYS_MARK))!.getTime()).toBeLessThan(heldUntil.getTime());
    expect(await onRecord(held)).toEqual({ object: "PENDING", grant: true });
    expect(await onRecord(rejected)).toEqual({ object: null, grant: false });
    expect(t.storage.has(rejected.key)).toBe(false);
  });
});
