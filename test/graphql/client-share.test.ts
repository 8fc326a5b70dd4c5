import { createValetClient, ValetError, type ShareGrantee } from "../../client/src/index";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";
import { uploadDocument } from "../support/uploads";

// @valet/client's share helpers against the real server in-process.
describe("@valet/client sharing", () => {
  let t: InProcessApp;
  const tokens: Record<string, string> = {};
  let doc: string;

  beforeAll(async () => {
    t = await startInProcessApp();
    Object.assign(tokens, {
      alice: await tokenFor("alice"),
      bob: await tokenFor("bob"),
      carol: await tokenFor("carol", ["staff"]),
    });
  });
  beforeEach(async () => {
    doc = await uploadDocument(t, tokens.alice);
  });
  afterAll(() => t.close());

  const valet = (as: string) => createValetClient({ url: t.url, getToken: async () => tokens[as] });
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it("shares with a viewer, who can then download; revokeShare ends it", async () => {
    expect(await failure(valet("bob").requestDownload(doc))).toMatchObject({ code: "NOT_FOUND" });
    const share = await valet("alice").share(doc, { viewer: "bob" }, { expiresIn: 600 });
    expect(share).toMatchObject({ key: doc, viewer: "bob", role: null, revokedAt: null });
    expect(Date.parse(share.expiresAt) - Date.parse(share.createdAt)).toBe(600_000);
    expect((await valet("bob").requestDownload(doc)).key).toBe(doc);
    expect((await valet("bob").sharedWithMe()).nodes.map((n) => n.key)).toContain(doc);

    const revoked = await valet("alice").revokeShare(share.id);
    expect(revoked).toMatchObject({ id: share.id, key: doc, revokedAt: expect.any(String) });
    expect(await failure(valet("bob").requestDownload(doc))).toMatchObject({ code: "NOT_FOUND" });
    expect((await valet("bob").sharedWithMe()).nodes.map((n) => n.key)).not.toContain(doc);
  });

  it("shares with a role", async () => {
    const share = await valet("alice").share(doc, { role: "staff" });
    expect(share).toMatchObject({ viewer: null, role: "staff" });
    expect((await valet("carol").requestDownload(doc)).key).toBe(doc);
  });

  it("throws a ValetError NOT_FOUND when sharing someone else's object", async () => {
    const error = await failure(valet("bob").share(doc, { viewer: "bob" }));
    expect(error).toBeInstanceOf(ValetError);
    expect(error).toMatchObject({ code: "NOT_FOUND" });
  });

  it("throws a ValetError NOT_FOUND when revoking someone else's share", async () => {
    const { id } = await valet("alice").share(doc, { viewer: "bob" });
    expect(await failure(valet("bob").revokeShare(id))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("passes a grantee the types forbid on to the server, which refuses it (BAD_USER_INPUT)", async () => {
    // @ts-expect-error -- the types ask for exactly one of viewer and role
    const typed: ShareGrantee = { viewer: "bob", role: "staff" };
    const both = typed;
    expect(await failure(valet("alice").share(doc, both))).toMatchObject({ code: "BAD_USER_INPUT" });
  });
});
