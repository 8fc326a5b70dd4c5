import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestApp } from "./harness";
import type { InProcessApp } from "./in-process";
import { avatarInput } from "./operations";
import { pngBytes, uploadFile } from "./uploads";

const png = (keyTemplate: string, read: unknown) => ({
  contentTypes: ["image/png"],
  maxBytes: 1024,
  defaultExpiresIn: 300,
  maxExpiresIn: 3600,
  keyTemplate,
  read,
});

/** One profile per read rule; `org` keys by the uploader's org claim and admits its members. */
export const READ_RULE_PROFILES = {
  private: png("users/{sub}/private/{uuid}{ext}", "owner"),
  "signed-in": png("users/{sub}/signed-in/{uuid}{ext}", "authenticated"),
  open: png("users/{sub}/open/{uuid}{ext}", "public"),
  staff: png("users/{sub}/staff/{uuid}{ext}", { roles: ["staff", "press"] }),
  org: png("orgs/{claim:org}/users/{sub}/{uuid}{ext}", { sameClaim: "org" }),
};

export type ReadRuleProfile = keyof typeof READ_RULE_PROFILES;

/** Writes READ_RULE_PROFILES to a temp file; the path is what PROFILES_FILE takes. */
export function writeReadRuleProfiles(): string {
  const file = join(mkdtempSync(join(tmpdir(), "valet-read-rules-")), "profiles.json");
  writeFileSync(file, JSON.stringify(READ_RULE_PROFILES));
  return file;
}

/** Uploads and completes a 64-byte PNG under `profile`; returns its key. */
export const uploadUnder = (
  t: Pick<TestApp, "gql"> & Partial<Pick<InProcessApp, "upload">>,
  token: string,
  profile: ReadRuleProfile,
  bytes = pngBytes(64),
) => uploadFile(t, token, avatarInput({ profile, size: bytes.length }), bytes);
