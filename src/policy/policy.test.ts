import type { Viewer } from "../auth/viewer";
import { contentDisposition } from "./disposition";
import { canReadObject, planDownload } from "./download.policy";

const alice: Viewer = { id: "alice", roles: ["user"] };
const admin: Viewer = { id: "root", roles: ["admin"] };
const now = new Date("2030-01-01T00:00:00.750Z");

describe("canReadObject", () => {
  const object = {
    key: "users/alice/avatar/x.png",
    ownerId: "alice",
    state: "AVAILABLE",
    filename: "x.png",
    contentType: "image/png",
    versionId: "v1",
  };
  it("allows the owner", () => expect(canReadObject(alice, object)).toBe(true));
  it("allows an admin", () => expect(canReadObject(admin, object)).toBe(true));
  it("denies another viewer", () => expect(canReadObject({ id: "bob", roles: [] }, object)).toBe(false));
  it("denies a PENDING object to its owner", () => expect(canReadObject(alice, { ...object, state: "PENDING" })).toBe(false));
  it("denies a PENDING object even to an admin", () => expect(canReadObject(admin, { ...object, state: "PENDING" })).toBe(false));
  it("denies an owner whose object lies outside their prefix", () =>
    expect(canReadObject(alice, { ...object, key: "users/bob/x.png" })).toBe(false));
  it("denies a missing object", () => expect(canReadObject(admin, undefined)).toBe(false));
  it("denies an AVAILABLE object without a verified version, even to an admin", () =>
    expect(canReadObject(admin, { ...object, versionId: null })).toBe(false));
  it("denies a null object", () => expect(canReadObject(alice, null)).toBe(false));
  it("denies a viewer an object under her prefix that someone else owns", () =>
    expect(canReadObject(alice, { ...object, ownerId: "bob" })).toBe(false));
});

describe("contentDisposition", () => {
  it("quotes a plain ASCII name", () =>
    expect(contentDisposition("attachment", "a b.pdf")).toBe('attachment; filename="a b.pdf"'));
  it("adds an RFC 5987 filename* for non-ASCII and escapes ' ( ) *", () =>
    expect(contentDisposition("inline", "€ (1)'*.txt")).toBe(
      `inline; filename="_ (1)'*.txt"; filename*=UTF-8''%E2%82%AC%20%281%29%27%2A.txt`,
    ));
  it("never lets a quote or backslash break out of the quoted name", () =>
    expect(contentDisposition("attachment", 'a"b.txt')).toBe(`attachment; filename="a_b.txt"; filename*=UTF-8''a%22b.txt`));
  test.each([
    ["a backslash", "a\\b.txt", `attachment; filename="a_b.txt"; filename*=UTF-8''a%5Cb.txt`],
    [
      "a percent sign, which old clients would decode",
      "100%.txt",
      `attachment; filename="100_.txt"; filename*=UTF-8''100%25.txt`,
    ],
    ["a control character", "a\u0001b", `attachment; filename="a_b"; filename*=UTF-8''a%01b`],
    ["DEL", "a\u007fb", `attachment; filename="a_b"; filename*=UTF-8''a%7Fb`],
  ])("replaces %s in the ASCII fallback and keeps it in filename*", (_label, name, expected) => {
    expect(contentDisposition("attachment", name)).toBe(expected);
  });
  test.each(["a b.pdf", "~tilde!.txt", "#[]{}.txt", "' ( ) *.txt"])("keeps printable ASCII %p as it is", (name) => {
    expect(contentDisposition("inline", name)).toBe(`inline; filename="${name}"`);
  });
});

describe("planDownload", () => {
  it("defaults to an attachment with the uploader's filename, pinned to the verified version", () => {
    const plan = planDownload(
      { key: "k", ownerId: "a", state: "AVAILABLE", filename: "r.pdf", contentType: "application/pdf", versionId: "v7" },
      {},
      { defaultExpiresIn: 300, maxExpiresIn: 3600, urlWindow: 600, inlineTypes: [] },
      now,
    );
    expect(plan).toMatchObject({
      key: "k",
      versionId: "v7",
      responseContentDisposition: 'attachment; filename="r.pdf"',
      responseContentType: "application/pdf",
      expiresIn: 300,
    });
  });
  it("signs at the whole second and ends the grant its lifetime later", () => {
    const plan = planDownload(
      { key: "k", ownerId: "a", state: "AVAILABLE", filename: "r.pdf", contentType: "application/pdf", versionId: "v7" },
      { expiresIn: 60 },
      { defaultExpiresIn: 300, maxExpiresIn: 3600, urlWindow: 600, inlineTypes: [] },
      now,
    );
    expect([plan.issuedAt.toISOString(), plan.expiresAt.toISOString(), plan.expiresIn]).toEqual([
      "2030-01-01T00:00:00.000Z",
      "2030-01-01T00:01:00.000Z",
      60,
    ]);
  });
});
