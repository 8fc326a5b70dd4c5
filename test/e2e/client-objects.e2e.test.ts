import { randomUUID } from "node:crypto";
import { createValetClient, ValetError, type ValetClient } from "../../client/src/index";
import { startTestApp, type TestApp } from "../support/harness";
import { tokenFor } from "../support/tokens";
import { pngBytes } from "../support/uploads";

// deleteObject, object and myObjects of @valet/client against the real API and the test RGW.
describe("@valet/client: an app's own objects", () => {
  let t: TestApp;
  let alice: ValetClient;
  let bob: ValetClient;
  let admin: ValetClient;
  // Fresh viewers: other suites upload to the same registry at the same time.
  const clientFor = async (sub: string, roles?: string[]) => {
    const token = await tokenFor(`${sub}-${randomUUID().slice(0, 8)}`, roles);
    return createValetClient({ url: t.url, getToken: async () => token });
  };
  const png = (size = 64) => new Blob([pngBytes(size)], { type: "image/png" });
  const pdf = () => new Blob(["%PDF-1.4\n%%EOF\n"], { type: "application/pdf" });
  const rejection = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error("expected a ValetError");
      },
      (e: unknown) => e as ValetError,
    );

  beforeAll(async () => {
    t = await startTestApp();
    [alice, bob, admin] = await Promise.all([clientFor("alice"), clientFor("bob"), clientFor("root", ["user", "admin"])]);
  });
  afterAll(() => t.close());

  it("object(key) answers the owner's object", async () => {
    const uploaded = await alice.upload(pdf(), { profile: "document", filename: "a.pdf" });
    expect(await alice.object(uploaded.key)).toMatchObject({ key: uploaded.key, state: "AVAILABLE", filename: "a.pdf" });
  });

  it("object(key) answers null for someone else's private object and for a key with nothing", async () => {
    const uploaded = await alice.upload(pdf(), { profile: "document" }); // read: owner
    expect(await bob.object(uploaded.key)).toBeNull();
    expect(await alice.object(`${uploaded.key}.missing`)).toBeNull();
  });

  it("object(key) answers another viewer's object that its profile lets everyone signed in read", async () => {
    const uploaded = await alice.upload(png(), { profile: "avatar" }); // read: authenticated
    expect(await bob.object(uploaded.key)).toMatchObject({ key: uploaded.key, state: "AVAILABLE" });
  });

  it("deleteObject removes the owner's object from the registry and the bucket", async () => {
    const uploaded = await alice.upload(png(), { profile: "avatar" });
    const { url } = await alice.requestDownload(uploaded.key, { expiresIn: 60 });
    await expect(alice.deleteObject(uploaded.key)).resolves.toBeUndefined();
    expect(await alice.object(uploaded.key)).toBeNull();
    expect((await alice.myObjects({ first: 100 })).nodes.map((o) => o.key)).not.toContain(uploaded.key);
    expect((await fetch(url)).status).toBe(404); // the bytes are gone too, not only the record
  });

  it("deleteObject of someone else's object is NOT_FOUND and leaves it in place", async () => {
    const uploaded = await alice.upload(png(), { profile: "avatar" });
    const error = await rejection(bob.deleteObject(uploaded.key));
    expect(error).toBeInstanceOf(ValetError);
    expect(error.code).toBe("NOT_FOUND");
    expect(await alice.object(uploaded.key)).toMatchObject({ state: "AVAILABLE" });
  });

  it("deleteObject of a key with nothing is NOT_FOUND, the same answer", async () => {
    expect((await rejection(alice.deleteObject("users/nobody/avatar/none.png"))).code).toBe("NOT_FOUND");
  });

  it("deleteObject by an admin removes anyone's object", async () => {
    const uploaded = await alice.upload(png(), { profile: "avatar" });
    await admin.deleteObject(uploaded.key);
    expect(await alice.object(uploaded.key)).toBeNull();
  });

  it("myObjects pages through the viewer's own objects with first and after", async () => {
    const carol = await clientFor("carol");
    const keys = [];
    for (const size of [64, 65, 66]) keys.push((await carol.upload(png(size), { profile: "avatar" })).key);
    const first = await carol.myObjects({ first: 2 });
    expect(first.nodes).toHaveLength(2);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, endCursor: expect.any(String) });
    const second = await carol.myObjects({ first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes).toHaveLength(1);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.nodes, ...second.nodes].map((o) => o.key).sort()).toEqual(keys.sort());
  });

  it("myObjects lists none of another viewer's objects", async () => {
    const uploaded = await alice.upload(png(), { profile: "avatar" });
    expect((await bob.myObjects({ first: 100 })).nodes.map((o) => o.key)).not.toContain(uploaded.key);
    expect((await alice.myObjects({ first: 100 })).nodes.map((o) => o.key)).toContain(uploaded.key);
  });
});
