import type { UploadProfile } from "../config/profiles.schema";
import type { JsonObject } from "../domain/json";
import { MAX_METADATA_BYTES } from "../domain/limits";
import { badInput } from "../errors/app-error";

/**
 * The app's metadata for an upload, as it will be stored: at most MAX_METADATA_BYTES serialized,
 * and matching the profile's metadataSchema when it has one (also when none was given: a schema
 * may require some). BAD_USER_INPUT names the failing path, e.g. `metadata.order.id`; the message
 * names the rule broken, never the value.
 */
export function checkMetadata(
  profile: Pick<UploadProfile, "name" | "checkMetadata">,
  metadata?: JsonObject | null,
): JsonObject | null {
  const value = metadata ?? null;
  if (value !== null) {
    const bytes = Buffer.byteLength(JSON.stringify(value), "utf8");
    if (bytes > MAX_METADATA_BYTES)
      throw badInput(`metadata takes ${bytes} bytes as JSON; at most ${MAX_METADATA_BYTES} are allowed`, "metadata");
  }
  const problem = profile.checkMetadata?.(value ?? {});
  if (problem) {
    const at = ["metadata", ...problem.path].join(".");
    throw badInput(`${at}: ${problem.message} (the '${profile.name}' profile's metadataSchema)`, at);
  }
  return value;
}
