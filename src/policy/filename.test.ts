import { validateFilename } from "./filename";

const refusal = (problem: string) =>
  expect.objectContaining({ code: "BAD_USER_INPUT", message: `filename ${problem}`, details: { field: "filename" } });

describe("validateFilename", () => {
  test.each([
    "résumé.pdf",
    "photo (1).png",
    "a.b.c.txt",
    "日本語.png",
    "x".repeat(255),
    "é".repeat(127) + "x",
    "a~b",
    ".profile",
  ])("accepts %j", (name) => {
    expect(validateFilename(name)).toBe(name.normalize("NFC"));
  });

  it("returns the NFC form of a decomposed name", () => {
    expect(validateFilename("e\u0301.png")).toBe("\u00e9.png");
  });

  it("counts the limit in UTF-8 bytes of the NFC form", () => {
    expect(validateFilename("e\u0301".repeat(127) + "x")).toBe("\u00e9".repeat(127) + "x"); // 255 bytes once composed
  });

  // Each name has exactly one problem, so the message names that one.
  test.each<[string, string]>([
    ["", "must not be empty"],
    ["   ", "must not be empty"],
    ["x".repeat(256), "must be at most 255 bytes"],
    ["é".repeat(128), "must be at most 255 bytes"],
    ["a/b", "must not contain path separators"],
    ["a\\b", "must not contain path separators"],
    ["..", "must not contain '..'"],
    ["a..b", "must not contain '..'"],
    [" lead", "must not start or end with white space"],
    ["trail ", "must not start or end with white space"],
    ["trail\u00a0", "must not start or end with white space"],
  ])("refuses %j: it %s", (name, problem) => {
    expect(() => validateFilename(name)).toThrow(refusal(problem));
  });

  test.each([
    ["NUL", "a\u0000b"],
    ["a tab", "a\tb"],
    ["a newline", "a\nb"],
    ["unit separator", "a\u001fb"],
    ["DEL", "a\u007fb"],
    ["a C1 control", "a\u0080b"],
    ["the last C1 control", "a\u009fb"],
    ["the Arabic letter mark", "a\u061cb"],
    ["a left-to-right mark", "a\u200eb"],
    ["a right-to-left mark", "a\u200fb"],
    ["a left-to-right embedding", "a\u202ab"],
    ["a right-to-left override", "x\u202etxt.exe"],
    ["a left-to-right isolate", "x\u2066y"],
    ["a pop directional isolate", "x\u2069y"],
  ])("refuses %s, which can disguise a name", (_label, name) => {
    expect(() => validateFilename(name)).toThrow(refusal("must not contain control or bidirectional-override characters"));
  });

  test.each([
    ["a zero-width joiner", "a\u200db"],
    ["the character after the bidi marks", "a\u2010b"],
    ["a space inside", "a b"],
  ])("accepts %s", (_label, name) => {
    expect(validateFilename(name)).toBe(name);
  });
});
