import { extensionFor } from "./content-types";

describe("extensionFor", () => {
  // The key's extension is the one S3 serves the object's type under: one row per known type.
  test.each([
    ["image/png", ".png"],
    ["image/jpeg", ".jpg"],
    ["image/webp", ".webp"],
    ["image/gif", ".gif"],
    ["image/avif", ".avif"],
    ["image/heic", ".heic"],
    ["application/pdf", ".pdf"],
    ["text/plain", ".txt"],
    ["text/csv", ".csv"],
    ["application/zip", ".zip"],
    ["application/json", ".json"],
    ["video/mp4", ".mp4"],
    ["video/quicktime", ".mov"],
    ["audio/mpeg", ".mp3"],
  ])("names %s files %s", (type, ext) => {
    expect(extensionFor(type)).toBe(ext);
  });

  it("ignores parameters and case", () => expect(extensionFor(" Text/Plain; charset=utf-8")).toBe(".txt"));

  test.each(["application/x-unknown", "text/html", "", "png"])("knows no extension for %p", (type) => {
    expect(extensionFor(type)).toBe("");
  });
});
