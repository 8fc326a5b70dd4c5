import {
  CompleteUploadDocument,
  MyObjectsDocument,
  ObjectDocument,
  ObjectsDocument,
  RequestUploadDocument,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { avatarInput } from "../support/operations";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

// myObjects is always the viewer's own; everyone's is the admin-only `objects`. StoredObject.id is
// the one identity an object keeps through grant, completion and listings.
describe("listing objects", () => {
  let t: InProcessApp;
  let alice: string;
  let bob: string;
  let admin: string;
  const keys: Record<string, string[]> = { alice: [], bob: [], root: [] };

  beforeAll(async () => {
    t = await startInProcessApp();
    [alice, bob, admin] = await Promise.all([tokenFor("alice"), tokenFor("bob"), tokenFor("root", ["admin"])]);
    for (const [who, token] of [
      ["alice", alice],
      ["alice", alice],
      ["bob", bob],
      ["root", admin],
    ] as const) {
      keys[who].push(dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, token)).requestUpload.key);
    }
  });
  afterAll(() => t.close());

  const keysOf = (nodes: ReadonlyArray<{ key: string }>) => nodes.map((n) => n.key).sort();

  describe("myObjects", () => {
    it("lists only the viewer's own objects", async () => {
      expect(keysOf(dataOf(await t.gql(MyObjectsDocument, {}, alice)).myObjects.nodes)).toEqual([...keys.alice].sort());
    });
    it("lists only an admin's own objects too", async () => {
      expect(keysOf(dataOf(await t.gql(MyObjectsDocument, {}, admin)).myObjects.nodes)).toEqual(keys.root);
    });
  });

  describe("objects (admin only)", () => {
    it("lists everyone's objects for an admin, with their owners", async () => {
      const res = await t.gql(ObjectsDocument, { first: 100 }, admin);
      expect(res.errors).toBeUndefined();
      expect(keysOf(res.data!.objects.nodes)).toEqual([...keys.alice, ...keys.bob, ...keys.root].sort());
      expect(res.data!.objects.nodes.find((n) => n.key === keys.bob[0])?.owner).toEqual({ id: "bob" });
    });
    it("lists one owner's objects when asked", async () => {
      const res = await t.gql(ObjectsDocument, { owner: "alice" }, admin);
      expect(keysOf(dataOf(res).objects.nodes)).toEqual([...keys.alice].sort());
    });
    it("pages like myObjects", async () => {
      const first = dataOf(await t.gql(ObjectsDocument, { first: 3 }, admin)).objects;
      expect(first.pageInfo.hasNextPage).toBe(true);
      const rest = dataOf(await t.gql(ObjectsDocument, { first: 3, after: first.pageInfo.endCursor }, admin)).objects;
      expect(rest.pageInfo.hasNextPage).toBe(false);
      expect(new Set(keysOf([...first.nodes, ...rest.nodes])).size).toBe(4);
      const forged = await t.gql(ObjectsDocument, { after: "not-a-cursor" }, admin);
      expect(forged.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
    it("is FORBIDDEN to a viewer without the admin role", async () => {
      const res = await t.gql(ObjectsDocument, { owner: "bob" }, alice);
      expect(res.data).toBeNull();
      expect(res.errors?.[0]).toMatchObject({ path: ["objects"], extensions: { code: "FORBIDDEN" } });
    });
    it("is UNAUTHENTICATED without a token", async () => {
      expect((await t.gql(ObjectsDocument, {})).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    });
  });

  describe("StoredObject.id", () => {
    it("is one id per object, not its key, the same from completion to every listing", async () => {
      const g = dataOf(await t.gql(RequestUploadDocument, { input: avatarInput() }, alice)).requestUpload;
      t.upload(g, pngBytes(64));
      const { id } = dataOf(await t.gql(CompleteUploadDocument, { grantId: g.id }, alice)).completeUpload;
      expect(id).toEqual(expect.any(String));
      expect(id).not.toBe(g.key);
      expect(dataOf(await t.gql(ObjectDocument, { key: g.key }, alice)).object?.id).toBe(id);
      expect(dataOf(await t.gql(MyObjectsDocument, {}, alice)).myObjects.nodes.find((n) => n.key === g.key)?.id).toBe(id);
      expect(dataOf(await t.gql(ObjectsDocument, { first: 100 }, admin)).objects.nodes.find((n) => n.key === g.key)?.id).toBe(id);
      const ids = dataOf(await t.gql(ObjectsDocument, { first: 100 }, admin)).objects.nodes.map((n) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
    });
  });
});
