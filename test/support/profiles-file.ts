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

/** Writes `content` as JSON to a file in a temp directory (a PROFILES_FILE, a WEBHOOKS_FILE); `remove` deletes it. */
export function writeJsonFile(content: unknown): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "valet-config-"));
  const path = join(dir, "config.json");
  writeFileSync(path, JSON.stringify(content));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `profiles` as a PROFILES_FILE. */
export const writeProfilesFile = (profiles: Record<string, unknown>) => writeJsonFile(profiles);
