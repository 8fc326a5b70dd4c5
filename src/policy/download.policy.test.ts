import { ConfigError, loadConfig, type DownloadSettings } from "../config/config";
import { isScriptableContentType } from "../domain/scriptable";
import type { Disposition } from "../domain/model";
import { downloadFilename } from "./download-name";
import { planDownload } from "./download.policy";
import type { VerifiedObject } from "./read.policy";

const DEFAULT_INLINE = [
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "application/pdf",
  "video/mp4",
  "audio/mpeg",
];
const settings: DownloadSettings = { defaultExpiresIn: 300, maxExpiresIn: 3600, urlWindow: 600, inlineTypes: DEFAULT_INLINE };
const now = new Date("2025-01-01T00:00:00.500Z");

const object = (filename: string, contentType: string | null): VerifiedObject => ({
  key: "users/alice/document/u",
  grantId: "g1",
  ownerId: "alice",
  claims: null,
  state: "AVAILABLE",
  filename,
  contentType,
  versionId: "v1",
});
const plan = (filename: string, contentType: string | null, disposition?: Disposition, inlineTypes = DEFAULT_INLINE) =>
  planDownload(object(filename, contentType), { disposition }, { ...settings, inlineTypes }, now);

describe("planDownload: disposition", () => {
  test.each<[string, string, string, Disposition | undefined, string]>([
    ["an INLINE PNG", "x.png", "image/png", "inline", 'inline; filename="x.png"'],
    ["an INLINE PDF", "x.pdf", "application/pdf", "inline", 'inline; filename="x.pdf"'],
    ["a PNG with no disposition asked", "x.png", "image/png", undefined, 'attachment; filename="x.png"'],
    ["an ATTACHMENT PNG", "x.png", "image/png", "attachment", 'attachment; filename="x.png"'],
  ])("serves %s as asked", (_label, name, type, asked, expected) => {
    expect(plan(name, type, asked).responseContentDisposition).toBe(expected);
  });

  test.each<[string, string, string]>([
    ["text/plain (not in the default list)", "text/plain", "x.txt"],
    ["text/plain with a charset", "text/plain; charset=utf-8", "x.txt"],
    ["a zip archive", "application/zip", "x.zip"],
    ["a type with no known extension", "application/x-unknown", "x.bin"],
    ["an object whose type was never verified", "", "x.bin"],
  ])("downgrades INLINE to an attachment for %s", (_label, type, name) => {
    expect(plan(name, type || null, "inline").responseContentDisposition).toBe(`attachment; filename="${name}"`);
  });

  test.each(["image/svg+xml", "text/html", "application/xhtml+xml", "text/xml", "application/javascript"])(
    "never serves %s inline, even when configured",
    (type) => {
      expect(plan("x", type, "inline", [...DEFAULT_INLINE, type]).responseContentDisposition).toMatch(/^attachment;/);
    },
  );

  it("keeps a configured type with no known extension an attachment, under the uploader's name", () => {
    expect(plan("x.ogg", "audio/ogg", "inline", [...DEFAULT_INLINE, "audio/ogg"]).responseContentDisposition).toBe(
      'attachment; filename="x.ogg"',
    );
  });

  it("serves text/plain inline once an operator lists it", () => {
    expect(plan("a.txt", "text/plain", "inline", ["text/plain"]).responseContentDisposition).toBe('inline; filename="a.txt"');
  });

  it("serves nothing inline when the list is empty", () => {
    expect(plan("x.png", "image/png", "inline", []).responseContentDisposition).toBe('attachment; filename="x.png"');
  });
});

describe("planDownload: served type", () => {
  it("pins the verified type, not anything the uploader named", () => {
    expect(plan("x.html", "image/png", "inline").responseContentType).toBe("image/png");
  });
  it("keeps the verified type's parameters", () => {
    expect(plan("a.txt", "text/plain; charset=utf-8").responseContentType).toBe("text/plain; charset=utf-8");
  });
  it("pins application/octet-stream when the type was never verified", () => {
    expect(plan("a.txt", null).responseContentType).toBe("application/octet-stream");
  });
});

describe("planDownload: cacheable", () => {
  const png = object("x.png", "image/png");

  it("signs a cacheable download at its window's start with the window's Cache-Control", () => {
    expect(planDownload(png, { cache: "private" }, settings, now)).toMatchObject({
      issuedAt: new Date("2025-01-01T00:00:00.000Z"),
      expiresAt: new Date("2025-01-01T00:20:00.000Z"),
      expiresIn: 1200,
      responseCacheControl: "private, max-age=600",
    });
    expect(planDownload(png, { cache: "public", expiresIn: 900 }, settings, now)).toMatchObject({
      expiresIn: 1500,
      responseCacheControl: "public, max-age=900",
    });
  });

  it("signs any other download now, for the asked lifetime, with no Cache-Control", () => {
    const later = new Date("2025-01-01T00:07:30.500Z");
    const plain = planDownload(png, { cache: null }, settings, later);
    expect(plain).toMatchObject({ issuedAt: new Date("2025-01-01T00:07:30.000Z"), expiresIn: 300 });
    expect(plain.responseCacheControl).toBeUndefined();
  });

  it("clamps the asked lifetime to the maximum before it adds a window", () => {
    expect(planDownload(png, { cache: "private", expiresIn: 99_999 }, settings, now)).toMatchObject({
      expiresIn: 3600,
      responseCacheControl: "private, max-age=3000",
    });
  });
});

describe("downloadFilename", () => {
  test.each([
    ["x.html", "image/png", "x.html.png"],
    ["x.html", "text/plain", "x.html.txt"],
    ["report", "application/pdf", "report.pdf"],
    ["x.png", "image/png", "x.png"],
    ["PHOTO.PNG", "image/png", "PHOTO.PNG"],
    ["photo.jpeg", "image/jpeg", "photo.jpeg"],
    ["photo.jpg", "image/jpeg", "photo.jpg"],
    ["photo.JPE", "image/jpeg", "photo.JPE"],
    ["photo.jpeg", "image/png", "photo.jpeg.png"],
    ["photo.png", "image/jpeg", "photo.png.jpg"],
    ["x.html", "application/x-unknown", "x.html"],
  ])("names %p verified as %s %p", (name, type, expected) => {
    expect(downloadFilename(name, type)).toBe(expected);
  });

  it("fixes the extension of an INLINE polyglot named x.html", () => {
    expect(plan("x.html", "image/png", "inline").responseContentDisposition).toBe('inline; filename="x.html.png"');
  });

  it("still writes an RFC 5987 filename* for a non-ASCII name it extends", () => {
    expect(plan("Résumé", "application/pdf", "inline").responseContentDisposition).toBe(
      `inline; filename="R_sum_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf`,
    );
  });
});

describe("isScriptableContentType", () => {
  test.each([
    "text/html",
    "TEXT/HTML; charset=utf-8",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
    "application/rss+xml",
    "application/javascript",
    "text/javascript",
    "application/ecmascript",
    "text/xsl",
    "multipart/x-mixed-replace",
  ])("counts %s as scriptable", (type) => expect(isScriptableContentType(type)).toBe(true));

  test.each(["image/png", "application/pdf", "text/plain", "video/mp4", "application/json", "text/csv"])(
    "does not count %s",
    (type) => expect(isScriptableContentType(type)).toBe(false),
  );
});

describe("DOWNLOAD_INLINE_TYPES", () => {
  const load = (value?: string) => loadConfig(value === undefined ? {} : { DOWNLOAD_INLINE_TYPES: value }, `${__dirname}/../..`);

  it("defaults to images, PDF, MP4 and MP3, without text/plain", () => {
    expect(load().downloads.inlineTypes).toEqual(DEFAULT_INLINE);
  });
  it("accepts a list including text/plain, lower-cased", () => {
    expect(load(" image/PNG , text/plain").downloads.inlineTypes).toEqual(["image/png", "text/plain"]);
  });
  it("accepts an empty list: nothing inline", () => expect(load("").downloads.inlineTypes).toEqual([]));

  test.each([
    "text/html",
    "image/png,image/svg+xml",
    "application/xhtml+xml",
    "application/xml",
    "text/xml",
    "application/atom+xml",
    "application/javascript",
    "text/javascript",
  ])("refuses %p: a browser can run script in it", (value) => {
    expect(() => load(value)).toThrow(ConfigError);
    expect(() => load(value)).toThrow(/DOWNLOAD_INLINE_TYPES must not list .*script/);
  });

  test.each(["image/*", "image/png; charset=utf-8", "png"])("refuses %p: not an exact type/subtype", (value) => {
    expect(() => load(value)).toThrow(/DOWNLOAD_INLINE_TYPES needs exact type\/subtype/);
  });
});
