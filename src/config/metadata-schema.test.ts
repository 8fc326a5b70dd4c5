import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadProfiles } from "./files";

const profile = {
  contentTypes: ["image/png"],
  maxBytes: 1024,
  defaultExpiresIn: 60,
  maxExpiresIn: 600,
  keyTemplate: "users/{sub}/a/{uuid}{ext}",
};

function profilesFile(metadataSchema: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "valet-profiles-")), "profiles.json");
  writeFileSync(path, JSON.stringify({ post: { ...profile, metadataSchema } }));
  return path;
}

describe("a profile's metadataSchema", () => {
  it("is compiled once at start-up into the profile's check", () => {
    const post = loadProfiles(profilesFile({ type: "object", required: ["postId"] })).get("post")!;
    expect(post.checkMetadata?.({ postId: "p" })).toBeNull();
    expect(post.checkMetadata?.({})).toEqual({ path: ["postId"], message: "must have required property 'postId'" });
  });

  it("leaves a profile without one unchecked", () => {
    const path = join(mkdtempSync(join(tmpdir(), "valet-profiles-")), "profiles.json");
    writeFileSync(path, JSON.stringify({ post: profile }));
    expect(loadProfiles(path).get("post")!.checkMetadata).toBeUndefined();
  });

  test.each([
    ["an unknown type", { type: "objekt" }, /profile 'post': metadataSchema is not a JSON Schema ajv accepts: schema is invalid/],
    ["a keyword ajv does not know (a typo)", { type: "object", requird: ["x"] }, /unknown keyword: "requird"/],
    ["a format no validator knows", { type: "string", format: "invoice-number" }, /unknown format "invoice-number"/],
  ])("stops start-up on %s, saying which profile and why", (_label, schema, message) => {
    const load = () => loadProfiles(profilesFile(schema));
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(message);
  });

  it("must be an object", () => {
    expect(() => loadProfiles(profilesFile("not a schema"))).toThrow(/metadataSchema/);
  });
});
