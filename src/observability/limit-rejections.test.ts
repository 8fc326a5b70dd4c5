import { GrantKind } from "../domain/model";
import { limitRejections } from "./limit-rejections";

describe("limitRejections", () => {
  const asks = new Map([
    ["up", { kind: GrantKind.UPLOAD, profile: "avatar" }],
    ["requestDownloads", { kind: GrantKind.DOWNLOAD, profile: "" }],
  ]);
  const error = (code: string, path?: Array<string | number>, extensions: Record<string, unknown> = {}) => ({
    message: "refused",
    path,
    extensions: { code, ...extensions },
  });

  it("names the rate budget by the kind of grant field the refusal sits at", () => {
    expect(limitRejections(asks, [error("RATE_LIMITED", ["up"]), error("RATE_LIMITED", ["requestDownloads", 3])])).toEqual([
      "uploadsPerMinute",
      "downloadsPerMinute",
    ]);
  });

  it("names the quota an upload would exceed", () => {
    expect(limitRejections(asks, [error("QUOTA_EXCEEDED", ["up"], { quota: "pendingBytes" })])).toEqual(["pendingBytes"]);
  });

  it("names nothing for other refusals, for a quota it does not know, or for a rate refusal off any grant field", () => {
    expect(
      limitRejections(asks, [
        error("FORBIDDEN", ["up"]),
        error("QUOTA_EXCEEDED", ["up"], { quota: "__proto__" }),
        error("RATE_LIMITED", ["viewer"]),
        error("RATE_LIMITED"),
      ]),
    ).toEqual([]);
  });
});
