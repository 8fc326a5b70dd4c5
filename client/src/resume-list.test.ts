import { listResumable } from "./resume.js";
import { memoryResumeStore, resumeKey, webStorageResumeStore, type ResumeStore } from "./resume-store.js";

const NOW = Date.parse("2030-01-01T00:00:00Z");
const record = (expiresAt: string) => ({ grantId: "g", key: "users/a/x.png", partSize: 5, partCount: 3, expiresAt });
const film = { profile: "media", name: "film.mp4", size: 12, lastModified: 1700000000000 };

/** localStorage as a Map, with length and key() as Web Storage has. */
function fakeStorage() {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe("listResumable", () => {
  test.each([
    ["memory", () => memoryResumeStore()],
    ["web storage", () => webStorageResumeStore(fakeStorage())],
  ])("lists the unexpired uploads a %s store keeps, with the file each was, soonest expiry first", async (_, make) => {
    const store = make();
    await store.set(resumeKey(film), record("2030-01-02T00:00:00Z"));
    await store.set(resumeKey({ ...film, name: "clip.mp4" }), record("2030-01-01T01:00:00Z"));
    await store.set(resumeKey({ ...film, name: "old.mp4" }), record("2029-12-31T00:00:00Z"));
    const listed = await listResumable(store, NOW);
    expect(listed.map((u) => u.name)).toEqual(["clip.mp4", "film.mp4"]);
    expect(listed[1]).toEqual({ ...film, ...record("2030-01-02T00:00:00Z") });
  });

  it("ignores other keys in the same web storage and answers none for a store that cannot list or fails", async () => {
    const storage = fakeStorage();
    storage.setItem("theme", "dark");
    storage.setItem("valet:resume:not json", "{}");
    expect(await listResumable(webStorageResumeStore(storage), NOW)).toEqual([]);
    const blind: ResumeStore = { get: () => record("2031-01-01T00:00:00Z"), set: () => undefined, delete: () => undefined };
    expect(await listResumable(blind, NOW)).toEqual([]);
    const broken: ResumeStore = { ...blind, keys: () => Promise.reject(new Error("storage gone")) };
    expect(await listResumable(broken, NOW)).toEqual([]);
  });
});
