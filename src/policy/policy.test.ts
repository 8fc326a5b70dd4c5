import { contentDisposition } from "./disposition";
import { planDownload } from "./download.policy";

const now = new Date("2030-01-01T00:00:00.750Z");
const verified = { key: "k", grantId: "g", ownerId: "a", state: "AVAILABLE", claims: null };

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
      { ...verified, filename: "r.pdf", contentType: "application/pdf", versionId: "v7" },
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
      { ...verified, filename: "r.pdf", contentType: "application/pdf", versionId: "v7" },
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
