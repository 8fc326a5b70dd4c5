import { fileProblem } from "./profile-check.js";

const avatar = { name: "avatar", contentTypes: ["image/png", "image/jpeg"], maxBytes: 1000 };

describe("fileProblem: the profile's rules, before asking the server", () => {
  test.each([
    ["a PNG within the limit", 1000, "image/png"],
    ["a type in another case", 10, "IMAGE/PNG"],
    ["a type with spaces around it", 10, " image/jpeg "],
  ])("allows %s", (_, size, contentType) => {
    expect(fileProblem(avatar, { size, contentType })).toBeNull();
  });

  test.each([
    ["a file one byte over maxBytes", 1001, "image/png", "FILE_TOO_LARGE"],
    ["a type the profile does not list", 10, "text/plain", "CONTENT_TYPE_NOT_ALLOWED"],
    ["a file without a type", 10, "", "CONTENT_TYPE_NOT_ALLOWED"],
    ["a type with parameters", 10, "image/png; charset=binary", "CONTENT_TYPE_NOT_ALLOWED"],
    ["an empty file", 0, "image/png", "EMPTY_FILE"],
  ])("refuses %s", (_, size, contentType, code) => {
    expect(fileProblem(avatar, { size, contentType })?.code).toBe(code);
  });

  it("names the limit and the size in its message", () => {
    expect(fileProblem(avatar, { size: 5000, contentType: "image/png" })?.message).toBe(
      "'avatar' takes at most 1000 bytes; the file has 5000",
    );
  });
});
