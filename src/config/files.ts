// The configuration files (profiles, quotas) and the one way every input is validated.
import { readFileSync } from "node:fs";
import { type z } from "zod";
import { ConfigError } from "./config-error";
import { compileMetadataSchema } from "./metadata-schema";
import { profilesSchema, type UploadProfile } from "./profiles.schema";
import { quotasSchema, type QuotaTable } from "./quotas.schema";

export { ConfigError };

/** Reads the upload profiles file (JSON, keyed by profile name). */
export function loadProfiles(path: string): Map<string, UploadProfile> {
  const profiles = parse(profilesSchema, readJson(path, "profiles file"), `profiles file ${path}`);
  return new Map(
    Object.entries(profiles).map(([name, p]) => [
      name,
      { ...p, name, ...(p.metadataSchema ? { checkMetadata: compileMetadataSchema(name, p.metadataSchema) } : {}) },
    ]),
  );
}

/** Reads the quotas file (JSON, keyed by role name, with a `default`). */
export function loadQuotas(path: string): QuotaTable {
  return new Map(Object.entries(parse(quotasSchema, readJson(path, "quotas file"), `quotas file ${path}`)));
}

/** A JSON file's content; a file that cannot be read or parsed is a ConfigError naming it. */
export function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new ConfigError(`cannot read ${what} ${path}: ${(e as Error).message}`);
  }
}

export function parse<T extends z.ZodTypeAny>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${i.path.join(".") || "(root)"}: ${i.message}`);
  throw new ConfigError(`invalid ${what}:\n${problems.join("\n")}`);
}
