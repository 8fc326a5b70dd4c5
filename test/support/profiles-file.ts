import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The dev avatar profile's limits, for tests that declare profiles of their own. */
export const PNG_PROFILE = {
  contentTypes: ["image/png"],
  maxBytes: 1024 * 1024,
  defaultExpiresIn: 300,
  maxExpiresIn: 3600,
  keyTemplate: "users/{sub}/posts/{uuid}{ext}",
};

/** Writes `profiles` as a PROFILES_FILE in a temp directory; `remove` deletes it. */
export function writeProfilesFile(profiles: Record<string, unknown>): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "valet-profiles-"));
  const path = join(dir, "profiles.json");
  writeFileSync(path, JSON.stringify(profiles));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
