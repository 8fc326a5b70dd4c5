import { AppError } from "../errors/app-error";
import { bearerToken } from "./verify-token";

describe("bearerToken", () => {
  test.each([
    ["no header", undefined],
    ["an empty header", ""],
  ])("finds no token in %s: the request is anonymous", (_label, header) => {
    expect(bearerToken(header)).toBeNull();
  });

  test.each([
    ["Bearer abc.DEF-_.123", "abc.DEF-_.123"],
    ["bearer abc", "abc"],
    ["BEARER abc", "abc"],
    ["Bearer   abc", "abc"],
    ["  Bearer abc  ", "abc"],
  ])("reads the token of %p", (header, expected) => {
    expect(bearerToken(header)).toBe(expected);
  });

  test.each([
    ["another scheme", "Basic YWxhZGRpbjpvcGVu"],
    ["a scheme with no token", "Bearer"],
    ["a token with no scheme", "abc"],
    ["text before the scheme", "xBearer abc"],
    ["two tokens", "Bearer abc def"],
    ["characters outside base64url", "Bearer abc+/="],
    ["no space after the scheme", "Bearerabc"],
  ])("refuses %s as UNAUTHENTICATED rather than treating it as anonymous", (_label, header) => {
    const result = bearerToken(header);
    expect(result).toBeInstanceOf(AppError);
    expect(result).toMatchObject({ code: "UNAUTHENTICATED", message: "The Authorization header must be 'Bearer <token>'" });
  });
});
