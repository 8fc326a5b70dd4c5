import { uploadProblem } from "./verify-upload";

const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0,
]);
const PDF = new TextEncoder().encode("%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
const HTML = new TextEncoder().encode("<!doctype html><html><script>alert(1)</script></html>");
const TEXT = new TextEncoder().encode("plain words, nothing else\n");

const head = (size: number, contentType: string) => ({ size, contentType, etag: '"e"', versionId: "v1" });

describe("uploadProblem", () => {
  test.each([
    ["a PNG granted as image/png", "image/png", PNG],
    ["a PDF granted as application/pdf", "application/pdf", PDF],
    ["plain text granted as text/plain", "text/plain", TEXT],
    ["one byte of text granted as text/plain", "text/plain", Uint8Array.from([0x61])],
    [
      "bytes with NUL granted as application/octet-stream (only text must not hold NUL)",
      "application/octet-stream",
      Uint8Array.from([0x61, 0, 0x62]),
    ],
  ])("accepts %s", async (_label, type, bytes) => {
    expect(await uploadProblem({ contentType: type, maxBytes: 1000 }, head(bytes.length, type), bytes)).toBeNull();
  });

  test.each([
    ["HTML declared as image/png", "image/png", HTML, /looks like an unrecognised format, not image\/png/],
    ["a PDF declared as image/png", "image/png", PDF, /looks like application\/pdf/],
    ["a PNG declared as text/plain", "text/plain", PNG, /looks like image\/png, not text\/plain/],
    [
      "text with NUL bytes declared as text/plain",
      "text/plain",
      Uint8Array.from([0x61, 0, 0x62]),
      /^content is binary, not text\/plain$/,
    ],
  ])("refuses %s", async (_label, type, bytes, reason) => {
    expect(await uploadProblem({ contentType: type, maxBytes: 1000 }, head(bytes.length, type), bytes)).toMatch(reason);
  });

  it("refuses a stored size outside the granted range", async () => {
    expect(await uploadProblem({ contentType: "image/png", maxBytes: 10 }, head(PNG.length, "image/png"), PNG)).toMatch(
      /outside/,
    );
    expect(await uploadProblem({ contentType: "image/png", maxBytes: 10 }, head(0, "image/png"), new Uint8Array())).toMatch(
      /outside/,
    );
  });

  it("accepts a PUT whose ETag is the signed MD5, and refuses one whose ETag is not", async () => {
    const granted = { contentType: "image/png", maxBytes: 1000, contentMd5: "XrY7u+Ae7tCTyyK7j1rNww==" }; // md5("hello world")
    const stored = (etag: string) => ({ ...head(PNG.length, "image/png"), etag });
    expect(await uploadProblem(granted, stored('"5eb63bbbe01eeed093cb22bb8f5acdc3"'), PNG)).toBeNull();
    expect(await uploadProblem(granted, stored('"5eb63bbbe01eeed093cb22bb8f5acdc4"'), PNG)).toMatch(
      /^stored ETag "5eb63bbbe01eeed093cb22bb8f5acdc4" is not the MD5 the grant signed \(5eb63bbbe01eeed093cb22bb8f5acdc3\)/,
    );
    expect(await uploadProblem(granted, { ...head(PNG.length, "image/png"), etag: undefined }, PNG)).toMatch(
      /^stored ETag \(none\) is not the MD5/,
    );
  });

  it("refuses a stored Content-Type other than the granted one, or none", async () => {
    expect(await uploadProblem({ contentType: "image/png", maxBytes: 1000 }, head(PNG.length, "image/jpeg"), PNG)).toMatch(
      /Content-Type/,
    );
    const untyped = { ...head(PNG.length, "image/png"), contentType: undefined };
    expect(await uploadProblem({ contentType: "image/png", maxBytes: 1000 }, untyped, PNG)).toMatch(
      /^stored Content-Type 'undefined' is not the granted 'image\/png'/,
    );
  });
});
