import { openDatabase } from "../src/store/database";
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
      { id, kind: "upload", viewerId: BENCH_OWNER, key, profile: "avatar", contentType: "image/png", maxBytes: 1000, issuedAt: now, expiresAt: later, revokedAt: null, requestId: null },
      { key, ownerId: BENCH_OWNER, profile: "avatar", grantId: id, declaredContentType: "image/png", declaredSize: 1000, filename: `photo ${i}.png`, createdAt: now },
    );
    await store.markAvailable(key, { size: 1000, contentType: "image/png", etag: '"bench"', at: now });
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
