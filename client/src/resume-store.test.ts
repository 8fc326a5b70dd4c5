import { defaultResumeStore, memoryResumeStore, resumeKey, webStorageResumeStore, type WebStorageLike } from "./resume-store.js";

const record = { grantId: "g1", key: "users/a/x.png", partSize: 1024, partCount: 3, expiresAt: "2999-01-01T00:00:00Z" };

/** A Map behind the Web Storage API, as localStorage behaves. */
function fakeStorage(): WebStorageLike & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
  };
}

describe("resumeKey", () => {
  const file = { profile: "media", name: "film.mp4", size: 1000, lastModified: 1700000000000 };

  it("is the same for the same file under the same profile", () => {
    expect(resumeKey({ ...file })).toBe(resumeKey(file));
  });

  test.each([
    ["another name", { name: "other.mp4" }],
    ["another size", { size: 1001 }],
    ["another lastModified", { lastModified: 1700000000001 }],
    ["another profile", { profile: "avatar" }],
  ])("differs for %s", (_, change) => {
    expect(resumeKey({ ...file, ...change })).not.toBe(resumeKey(file));
  });
});

describe.each([
  ["memoryResumeStore", () => memoryResumeStore()],
  ["webStorageResumeStore", () => webStorageResumeStore(fakeStorage())],
])("%s", (_, make) => {
  it("gives back what was set, under its key only, until it is deleted", async () => {
    const store = make();
    await store.set("a", record);
    expect(await store.get("a")).toEqual(record);
    expect(await store.get("b")).toBeFalsy();
    await store.delete("a");
    expect(await store.get("a")).toBeFalsy();
  });
});

describe("webStorageResumeStore", () => {
  it("keeps records as JSON under its prefix, so a new page load finds them", () => {
    const storage = fakeStorage();
    void webStorageResumeStore(storage, "p:").set("a", record);
    expect(JSON.parse(storage.items.get("p:a")!)).toEqual(record);
    expect(webStorageResumeStore(storage, "p:").get("a")).toEqual(record);
  });

  test.each([
    ["not JSON", "{"],
    ["not a record", JSON.stringify({ grantId: 1 })],
    ["without a part size", JSON.stringify({ ...record, partSize: "1024" })],
  ])("treats an entry that is %s as none", (_, value) => {
    const storage = fakeStorage();
    storage.setItem("valet:resume:a", value);
    expect(webStorageResumeStore(storage).get("a")).toBeUndefined();
  });
});

describe("defaultResumeStore", () => {
  const global = globalThis as { localStorage?: unknown };
  afterEach(() => delete global.localStorage);

  it("uses localStorage where there is one", () => {
    const storage = fakeStorage();
    global.localStorage = storage;
    void defaultResumeStore().set("a", record);
    expect(storage.items.get("valet:resume:a")).toBeDefined();
  });

  it("keeps records in memory where localStorage is missing or refuses writes", async () => {
    for (const storage of [
      undefined,
      {
        ...fakeStorage(),
        setItem: () => {
          throw new Error("QuotaExceededError");
        },
      },
    ]) {
      global.localStorage = storage;
      const store = defaultResumeStore();
      await store.set("a", record);
      expect(await store.get("a")).toEqual(record);
    }
  });
});
