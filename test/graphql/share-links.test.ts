import { createHash } from "node:crypto";
import {
  CreateShareLinkDocument,
  ObjectLinksDocument,
  RevokeShareLinkDocument,
  type CreateShareLinkInput,
} from "../../client/generated/graphql";
import { dataOf } from "../support/harness";
import { startInProcessApp, type InProcessApp } from "../support/in-process";
import { tokenFor } from "../support/tokens";
import { uploadDocument, uploadPng } from "../support/uploads";

const DAY = 86_400;

// createShareLink, revokeShareLink and StoredObject.shareLinks: who may, what is kept, what is answered.
describe("share links (GraphQL)", () => {
  let t: InProcessApp;
  let alice: string;
  let bob: string;
  let admin: string;
  let doc: string;

  beforeAll(async () => {
    t = await startInProcessApp({ SHARE_MAX_EXPIRES_IN: String(7 * DAY) });
    [alice, bob, admin] = await Promise.all([tokenFor("alice"), tokenFor("bob"), tokenFor("root", ["admin"])]);
    doc = await uploadDocument(t, alice);
  });
  afterAll(() => t.close());

  const create = (input: Partial<CreateShareLinkInput>, token = alice) =>
    t.gql(CreateShareLinkDocument, { input: { key: doc, ...input } }, token);
  const codeOf = (res: { errors?: Array<{ extensions?: { code?: string } }> }) => res.errors?.[0]?.extensions?.code;

  it("makes a link PUBLIC_URL/s/<token> of 256 random bits, with the terms asked", async () => {
    const link = dataOf(await create({ expiresIn: 3600, maxDownloads: 3, disposition: "INLINE" })).createShareLink;
    const origin = new URL(t.url).origin;
    expect(link.url).toMatch(new RegExp(`^${origin}/s/[A-Za-z0-9_-]{43}$`));
    expect(link).toMatchObject({ downloads: 0, maxDownloads: 3, revokedAt: null });
    expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(3600_000);
  });

  it("keeps only the token's SHA-256: the registry holds no working link", async () => {
    const link = dataOf(await create({})).createShareLink;
    const token = new URL(link.url!).pathname.slice("/s/".length);
    const stored = await t.app.services.store.findShareLinkByDigest(createHash("sha256").update(token).digest("hex"));
    expect(stored?.id).toBe(link.id);
    expect(JSON.stringify(await t.app.services.store.listShareLinks(stored!.objectId))).not.toContain(token);
  });

  it("gives a link the longest life, SHARE_MAX_EXPIRES_IN, when none or more is asked", async () => {
    for (const expiresIn of [undefined, 30 * DAY]) {
      const link = dataOf(await create({ expiresIn })).createShareLink;
      expect(Date.parse(link.expiresAt) - Date.parse(link.createdAt)).toBe(7 * DAY * 1000);
    }
  });

  test.each([
    ["maxDownloads 0", { maxDownloads: 0 }, "maxDownloads"],
    ["a negative maxDownloads", { maxDownloads: -2 }, "maxDownloads"],
    ["expiresIn 0", { expiresIn: 0 }, "expiresIn"],
  ])("refuses %s as BAD_USER_INPUT naming the field", async (_label, input, field) => {
    const res = await create(input);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
  });

  it("answers NOT_FOUND to a viewer who does not own the object, as for a key that holds nothing", async () => {
    const theirs = await create({}, bob);
    const nothing = await t.gql(CreateShareLinkDocument, { input: { key: `${doc}-none` } }, bob);
    expect([codeOf(theirs), codeOf(nothing)]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(theirs.errors?.[0]?.message).toBe(`no object at '${doc}' that you may share`);
  });

  it("lets an admin link anyone's object, and nobody an object that is not AVAILABLE", async () => {
    expect(codeOf(await create({}, admin))).toBeUndefined();
    const pending = await uploadPng(t, alice, false);
    expect(codeOf(await t.gql(CreateShareLinkDocument, { input: { key: pending } }, alice))).toBe("NOT_FOUND");
  });

  it("lists an object's links for its owner and admins, newest first, without their urls", async () => {
    const key = await uploadDocument(t, alice);
    const first = dataOf(await create({ key })).createShareLink;
    const second = dataOf(await create({ key, maxDownloads: 1 })).createShareLink;
    for (const token of [alice, admin]) {
      const links = dataOf(await t.gql(ObjectLinksDocument, { key }, token)).object?.shareLinks;
      expect(links?.map((l) => [l.id, l.url])).toEqual([
        [second.id, null],
        [first.id, null],
      ]);
    }
  });

  it("shows another viewer who may read the object no links (null), only the object", async () => {
    const avatar = await uploadPng(t, alice);
    await create({ key: avatar });
    const seen = dataOf(await t.gql(ObjectLinksDocument, { key: avatar }, bob)).object;
    expect(seen).toMatchObject({ shareLinks: null });
  });

  it("revokes for the owner or an admin, keeping the first time; NOT_FOUND for anyone else or no such link", async () => {
    const link = dataOf(await create({})).createShareLink;
    const refused = await t.gql(RevokeShareLinkDocument, { id: link.id }, bob);
    expect(refused.errors?.[0]).toMatchObject({ message: `no share link '${link.id}'`, extensions: { code: "NOT_FOUND" } });
    expect(codeOf(await t.gql(RevokeShareLinkDocument, { id: "no-such-link" }, alice))).toBe("NOT_FOUND");
    const revoked = dataOf(await t.gql(RevokeShareLinkDocument, { id: link.id }, alice)).revokeShareLink;
    expect(revoked).toMatchObject({ id: link.id, url: null, revokedAt: expect.any(String) });
    const again = dataOf(await t.gql(RevokeShareLinkDocument, { id: link.id }, admin)).revokeShareLink;
    expect(again.revokedAt).toBe(revoked.revokedAt);
  });

  it("has no public URL for an object whose profile is not public", async () => {
    expect(dataOf(await t.gql(ObjectLinksDocument, { key: doc }, alice)).object?.publicUrl).toBeNull();
  });
});
