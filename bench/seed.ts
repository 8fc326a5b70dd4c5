import { openDatabase } from "../src/store/database";
import { uuidv7 } from "../src/domain/uuidv7";
import { createStore } from "../src/store/store";

export const BENCH_OWNER = "alice";
export const benchKey = (i: number) => `users/${BENCH_OWNER}/bench/${String(i).padStart(4, "0")}-photo.png`;

/** AVAILABLE objects owned by alice, recorded as if uploaded and completed. */
export async function seedObjects(databaseUrl: string, count: number): Promise<void> {
  const database = await openDatabase(databaseUrl);
  const store = createStore(database);
  const now = new Date();
  const later = new Date(now.getTime() + 3600_000);
  for (let i = 0; i < count; i++) {
    const id = `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
    const key = benchKey(i);
    await store.recordUploadGrant(
      {
        id,
        kind: "upload",
        viewerId: BENCH_OWNER,
        key,
        profile: "avatar",
        contentType: "image/png",
        maxBytes: 1000,
        issuedAt: now,
        expiresAt: later,
        revokedAt: null,
        requestId: null,
        via: null,
      },
      {
        key,
        ownerId: BENCH_OWNER,
        profile: "avatar",
        grantId: id,
        declaredContentType: "image/png",
        declaredSize: 1000,
        filename: `photo ${i}.png`,
        createdAt: now,
        method: "POST",
        uploadId: null,
        partSize: null,
        partCount: null,
        contentMd5: null,
      },
    );
    await store.markAvailable(key, { size: 1000, contentType: "image/png", versionId: "seed", etag: '"bench"', at: now });
  }
  await database.close();
}

/** How many download grants the registry holds: the durability check after a run. */
export async function countDownloadGrants(databaseUrl: string): Promise<number> {
  const database = await openDatabase(databaseUrl);
  const row = await database.db
    .selectFrom("grants")
    .where("kind", "=", "download")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  await database.close();
  return Number(row.n);
}

/** Time to durably record `count` download grants in one batch through the store, nothing else running. */
export async function timeDurableWrite(databaseUrl: string, count: number, runs: number) {
  const database = await openDatabase(databaseUrl);
  const store = createStore(database);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const now = new Date();
    const grants = Array.from({ length: count }, (_, i) => ({
      id: uuidv7(),
      kind: "download" as const,
      viewerId: BENCH_OWNER,
      key: benchKey(i),
      profile: null,
      contentType: null,
      maxBytes: null,
      issuedAt: now,
      expiresAt: new Date(now.getTime() + 300_000),
      revokedAt: null,
      requestId: null,
      via: null,
    }));
    const start = process.hrtime.bigint();
    await store.recordDownloadGrants(grants);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  await database.close();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)], min: times[0] };
}
