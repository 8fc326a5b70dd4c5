import { openDatabase, type Database } from "../../src/store/database";
import { createStore } from "../../src/store/store";
import type { Store } from "../../src/store/types";
import { MyObjectsDocument, RequestDownloadsDocument } from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";
import { uploadDocument, uploadPng } from "../support/uploads";

/** The real store, counting the calls that cost a round trip. */
function counting(store: Store) {
  const calls: Record<string, number> = {};
  const wrapped = Object.fromEntries(
    Object.entries(store).map(([name, fn]) => [
      name,
      (...args: unknown[]) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return (fn as (...a: unknown[]) => unknown)(...args);
      },
    ]),
  ) as unknown as Store;
  return { wrapped, calls, reset: () => Object.keys(calls).forEach((k) => delete calls[k]) };
}

describe("batch download grants", () => {
  let database: Database;
  let t: InProcessApp;
  let counter: ReturnType<typeof counting>;
  let alice: string;
  const mine: string[] = [];
  let bobs: string;
  let pending: string;

  beforeAll(async () => {
    database = await openDatabase(":memory:");
    counter = counting(createStore(database));
    t = await startInProcessApp({}, { store: counter.wrapped });
    alice = await tokenFor("alice");
    for (let i = 0; i < 3; i++) mine.push(await uploadPng(t, alice));
    bobs = await uploadDocument(t, await tokenFor("bob"));
    pending = await uploadPng(t, alice, false);
  });
  afterAll(async () => {
    await t.close();
    await database.close();
  });

  it("grants readable keys and puts NOT_FOUND in the slots of the others, with one read, one share lookup and one write", async () => {
    counter.reset();
    const keys = [mine[0], bobs, "users/alice/avatar/missing.png", mine[1], pending];
    const res = await t.gql(RequestDownloadsDocument, { keys, expiresIn: 60 }, alice);
    const grants = dataOf(res).requestDownloads;
    expect(grants.map((g) => g?.key ?? null)).toEqual([mine[0], null, null, mine[1], null]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.message])).toEqual(
      [1, 2, 4].map((i) => [["requestDownloads", i], "NOT_FOUND", `no readable object at '${keys[i]}'`]),
    );
    // The shares are looked up once, for the available objects alice cannot read by right (bob's).
    expect(counter.calls).toEqual({ findObjects: 1, findActiveShares: 1, recordDownloadGrants: 1 });
    // That S3 serves such a URL is proven on the RGW (test/e2e/served-downloads).
    expect(new URL(grants[3]?.url ?? "").pathname).toBe(`/${t.storage.bucket}/${mine[1]}`);
    expect((await database.db.selectFrom("grants").where("kind", "=", "download").select("id").execute()).length).toBe(2);
  });

  it("looks up no shares when every key is the viewer's own", async () => {
    counter.reset();
    const res = await t.gql(RequestDownloadsDocument, { keys: [...mine, pending, "users/alice/avatar/missing.png"] }, alice);
    expect(dataOf(res).requestDownloads.filter(Boolean)).toHaveLength(3);
    expect(counter.calls).toEqual({ findObjects: 1, recordDownloadGrants: 1 });
  });

  it("refuses more than 1000 keys before touching the registry (REQUEST_TOO_LARGE)", async () => {
    counter.reset();
    const res = await t.gql(RequestDownloadsDocument, { keys: Array.from({ length: 1001 }, (_, i) => `k${i}`) }, alice);
    expect(res.data).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "REQUEST_TOO_LARGE", limit: 1000, requested: 1001 });
    expect(counter.calls).toEqual({});
  });

  it("signs downloadUrl for a whole page of objects with one registry write", async () => {
    counter.reset();
    const nodes = dataOf(await t.gql(MyObjectsDocument, { first: 10 }, alice)).myObjects.nodes;
    expect(nodes.filter((n) => n.downloadUrl).length).toBe(3);
    expect(nodes.find((n) => n.key === pending)?.downloadUrl).toBeNull();
    expect(counter.calls).toEqual({ listObjects: 1, recordDownloadGrants: 1 });
  });
});
