import { UploadMethod } from "../domain/model";
import { profileSchema } from "./profiles.schema";

const base = {
  contentTypes: ["video/mp4"],
  maxBytes: 1024,
  defaultExpiresIn: 60,
  maxExpiresIn: 600,
  keyTemplate: "users/{sub}/v/{uuid}{ext}",
};
const GiB = 1024 ** 3;

describe("profile methods", () => {
  it("allows every method and a 64 MiB multipart threshold by default", () => {
    expect(profileSchema.parse(base)).toMatchObject({
      methods: ["POST", "PUT", "MULTIPART"],
      multipartThreshold: 64 * 1024 ** 2,
    });
  });

  it("keeps a narrowed list", () => {
    expect(profileSchema.parse({ ...base, methods: [UploadMethod.PUT] }).methods).toEqual(["PUT"]);
  });

  test.each([
    ["no method", { methods: [] }],
    ["an unknown method", { methods: ["GET"] }],
    ["a threshold above 5 GiB", { multipartThreshold: 5 * GiB + 1 }],
    ["maxBytes above 5 GiB without MULTIPART", { maxBytes: 5 * GiB + 1, methods: ["POST", "PUT"] }],
    ["maxBytes above 5 TiB", { maxBytes: 5 * 1024 * GiB + 1 }],
  ])("refuses %s", (_label, change) => {
    expect(profileSchema.safeParse({ ...base, ...change }).success).toBe(false);
  });

  it("accepts maxBytes above 5 GiB when MULTIPART is allowed", () => {
    expect(profileSchema.safeParse({ ...base, maxBytes: 5 * GiB + 1, methods: ["MULTIPART"] }).success).toBe(true);
  });
});
