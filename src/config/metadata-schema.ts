import Ajv, { type ErrorObject } from "ajv";
import { ConfigError } from "./config-error";

/** Where a metadata value breaks its profile's schema: the path into the value, and why. */
export interface MetadataProblem {
  path: string[];
  message: string;
}

/** A compiled `metadataSchema`: the first problem with a value, or null when it conforms. */
export type MetadataCheck = (value: unknown) => MetadataProblem | null;

// One instance for every profile. Strict about the schema itself: a keyword or format ajv does not
// know is a typo, and would otherwise silently accept everything it was meant to refuse. Not about
// style (ajv's strictRequired, strictTypes): `required` without `properties` is plain JSON Schema.
const ajv = new Ajv({ strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, allErrors: false });

/** Compiles a profile's metadataSchema once, at start-up; a schema ajv refuses stops start-up. */
export function compileMetadataSchema(profile: string, schema: Record<string, unknown>): MetadataCheck {
  let validate: ReturnType<typeof ajv.compile>;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    throw new ConfigError(`profile '${profile}': metadataSchema is not a JSON Schema ajv accepts: ${(e as Error).message}`);
  }
  return (value) => (validate(value) ? null : problemOf(validate.errors?.[0]));
}

// The path of an ajv error is a JSON pointer to the offending value; a missing property is
// reported at its parent (so is one not allowed), so its name is appended. Messages name the rule, never the value.
function problemOf(error: ErrorObject | undefined): MetadataProblem {
  if (!error) return { path: [], message: "does not match the profile's metadataSchema" };
  const path = error.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  const { missingProperty, additionalProperty } = error.params as Record<string, unknown>;
  const named = missingProperty ?? additionalProperty;
  if (typeof named === "string") path.push(named);
  return { path, message: error.message ?? "does not match the profile's metadataSchema" };
}
