import type { Viewer } from "../../src/auth/viewer";
import { issueUploadGrant } from "../../src/grants/upload-grant.service";
import { completeUpload } from "../../src/objects/complete-upload.service";
import { createServices } from "../../src/services/create-services";
import { testConfig } from "./harness";
import { createMemoryStorage, MEMORY_ENDPOINT } from "./memory-storage";
import { pngBytes } from "./uploads";

describe("the in-memory storage", () => {
  const storage = createMemoryStorage({ bucket: "valet-memory" });
  const bytes = Uint8Array.from({ length: 10 }, (_, i) => i);

  it("reports a stored object's size, type and S3's ETag (quoted MD5), and nothing for a missing key", async () => {
    const { versionId } = storage.put("a/b.bin", bytes, "application/octet-stream");
    expect(await storage.objects.head("a/b.bin")).toEqual({
      size: 10,
      contentType: "application/octet-stream",
      etag: '"c56bd5480f6e5413cb62a0ad9666613a"',
      versionId,
    });
    expect(await storage.objects.head("a/missing.bin")).toBeNull();
  });

  test.each([
    ["the first N bytes of a longer object", 4, [0, 1, 2, 3]],
    ["a short object whole", 4100, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
  ])("reads %s, like a ranged GET", async (_label, n, expected) => {
    storage.put("a/range.bin", bytes, "application/octet-stream");
    expect(Array.from((await storage.objects.readStart("a/range.bin", n)) ?? [])).toEqual(expected);
  });

  it("answers null for a ranged read of a missing key, and refuses one of an empty object (no satisfiable range)", async () => {
    storage.put("a/empty.bin", new Uint8Array(), "text/plain");
    expect(await storage.objects.readStart("a/none.bin", 4)).toBeNull();
    await expect(storage.objects.readStart("a/empty.bin", 4)).rejects.toMatchObject({ name: "InvalidRange" });
  });

  it("keeps every write as a version and reads the one asked for", async () => {
    const first = storage.put("a/v.txt", "one", "text/plain");
    const second = storage.put("a/v.txt", "two", "text/plain");
    expect(storage.versions("a/v.txt")).toBe(2);
    expect(await storage.objects.head("a/v.txt")).toMatchObject({ versionId: second.versionId, size: 3 });
    expect(
      new TextDecoder().decode((await storage.objects.readStart("a/v.txt", 10, { versionId: first.versionId })) ?? undefined),
    ).toBe("one");
    expect(await storage.objects.head("a/v.txt", { versionId: "nope" })).toBeNull();
  });

  it("removes every version but the one kept, and removing a missing key removes nothing", async () => {
    const kept = storage.put("a/gone.txt", "keep", "text/plain");
    storage.put("a/gone.txt", "stray", "text/plain");
    expect(await storage.objects.removeVersions("a/gone.txt", { keep: kept.versionId })).toBe(1);
    expect(await storage.objects.head("a/gone.txt")).toMatchObject({ versionId: kept.versionId });
    expect(await storage.objects.removeVersions("a/gone.txt")).toBe(1);
    expect(await storage.objects.removeVersions("a/gone.txt")).toBe(0);
    expect(storage.has("a/gone.txt")).toBe(false);
  });

  it("gives up on a call whose signal is already aborted", async () => {
    storage.put("a/b.bin", bytes, "application/octet-stream");
    const signal = AbortSignal.abort();
    await expect(storage.objects.head("a/b.bin", { signal })).rejects.toMatchObject({ name: "AbortError" });
    await expect(storage.objects.removeVersions("a/b.bin", { signal })).rejects.toMatchObject({ name: "AbortError" });
    expect(storage.has("a/b.bin")).toBe(true);
  });

  it("signs real URLs that point nowhere", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const get = storage.presigner.presignGet({ key: "a/b c.png", expiresIn: 60, now });
    expect(get).toMatch(
      new RegExp(
        `^${MEMORY_ENDPOINT}/valet-memory/a/b%20c\\.png\\?X-Amz-Algorithm=AWS4-HMAC-SHA256&.*X-Amz-Signature=[0-9a-f]{64}`,
      ),
    );
    const post = storage.presigner.presignPost({
      key: "a/b.png",
      expiresIn: 60,
      now,
      contentType: "image/png",
      contentLengthRange: [1, 64],
    });
    expect(post.url).toBe(`${MEMORY_ENDPOINT}/valet-memory`);
    expect(post.fields.map((f) => f.name)).toEqual([
      "Content-Type",
      "bucket",
      "X-Amz-Algorithm",
      "X-Amz-Credential",
      "X-Amz-Date",
      "key",
      "Policy",
      "X-Amz-Signature",
    ]);
  });
});

describe("the in-memory storage as the services' storage slot", () => {
  const viewer: Viewer = { id: "alice", roles: ["user"] };
  const avatar = { profile: "avatar", filename: "me.png", contentType: "image/png", size: 64 };

  async function servicesWithMemory() {
    const storage = createMemoryStorage({ bucket: "valet-memory" });
    const storageClose = jest.spyOn(storage, "close");
    const { services, close } = await createServices(testConfig(), { storage });
    return { storage, storageClose, services, closeServices: close };
  }

  it("completes an upload the fake received, with the fake's ETag, and closes the fake with the services", async () => {
    const { storage, storageClose, services, closeServices } = await servicesWithMemory();
    const grant = await issueUploadGrant(services, viewer, avatar, null);
    expect(grant).toMatchObject({ method: "POST", url: `${MEMORY_ENDPOINT}/valet-memory` });
    const stored = storage.put(grant.key, pngBytes(64), "image/png");
    const object = await completeUpload(services, viewer, grant.id);
    expect(object).toMatchObject({ state: "AVAILABLE", size: 64, etag: stored.etag });
    await closeServices();
    expect(storageClose).toHaveBeenCalledTimes(1);
  });

  it("rejects an upload whose bytes are not what was granted and removes them from the bucket", async () => {
    const { storage, services, closeServices } = await servicesWithMemory();
    const grant = await issueUploadGrant(services, viewer, avatar, null);
    storage.put(grant.key, "not a png at all", "image/png");
    expect(await completeUpload(services, viewer, grant.id)).toMatchObject({
      state: "REJECTED",
      rejectReason: expect.any(String),
    });
    expect(storage.has(grant.key)).toBe(false);
    await closeServices();
  });
});
