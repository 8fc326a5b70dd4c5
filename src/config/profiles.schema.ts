import { MAX_PRESIGN_SECONDS, S3_LIMITS } from "../domain/limits";
import { OWNER_PREFIX, PLACEHOLDER, templateClaims } from "../domain/key-template";
import { UploadMethod } from "../domain/model";
import { CLAIM_NAME, OWNER_ONLY, type ReadRule } from "../domain/read-rule";
import { z } from "zod";
import type { MetadataCheck } from "./metadata-schema";

const placeholders = new Set(["sub", "profile", "uuid", "ext", "date"]);

const keyTemplate = z
  .string()
  // The read policy lets an owner read only under an owner prefix, so every upload must land there.
  .refine((t) => OWNER_PREFIX.test(t), "must start with users/{sub}/ or <name>/{claim:NAME}/users/{sub}/")
  .refine((t) => t.includes("{uuid}"), "must contain {uuid} so keys never collide")
  .refine(
    (t) => [...t.matchAll(PLACEHOLDER)].every((m) => (m[2] === undefined ? placeholders.has(m[1]) : m[1] === "claim")),
    `may only use ${[...placeholders].map((p) => `{${p}}`).join(", ")} and {claim:NAME}`,
  )
  .refine((t) => templateClaims(t).every((c) => CLAIM_NAME.test(c)), "names a claim that is not a plain or dotted claim name")
  .refine((t) => !t.split("/").some((s) => s === "." || s === ".." || s === ""), "has an empty or dot segment");

const claimName = z.string().regex(CLAIM_NAME, "a plain or dotted claim name");

/** `read` as written in profiles.json, normalised to a ReadRule. */
const readRule = z
  .union([
    z.enum(["owner", "authenticated", "public"]).transform((kind): ReadRule => ({ kind })),
    z.strictObject({ roles: z.array(z.string().min(1)).min(1) }).transform(({ roles }): ReadRule => ({ kind: "roles", roles })),
    z.strictObject({ sameClaim: claimName }).transform(({ sameClaim }): ReadRule => ({ kind: "sameClaim", claim: sameClaim })),
  ])
  .default(() => OWNER_ONLY);

const contentType = z
  .string()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*(; ?[a-z0-9-]+=[a-z0-9-]+)*$/, "lowercase type/subtype");

export const profileSchema = z
  .object({
    description: z.string().default(""),
    contentTypes: z.array(contentType).min(1),
    maxBytes: z.number().int().positive().max(S3_LIMITS.maxObject),
    defaultExpiresIn: z.number().int().positive().max(MAX_PRESIGN_SECONDS),
    maxExpiresIn: z.number().int().positive().max(MAX_PRESIGN_SECONDS),
    /** Roles that may use the profile; empty means every authenticated viewer. */
    roles: z.array(z.string().min(1)).default([]),
    keyTemplate,
    /** Who besides the owner and admins may read the objects: owner (default), authenticated, public, roles or sameClaim. */
    read: readRule,
    /** How clients may send the bytes; all three unless narrowed. */
    methods: z.array(z.enum(UploadMethod)).min(1).default(Object.values(UploadMethod)),
    /** Files larger than this default to MULTIPART when the request names no method (bytes). */
    multipartThreshold: z
      .number()
      .int()
      .positive()
      .max(S3_LIMITS.maxSingleUpload)
      .default(64 * 1024 ** 2),
    /** A JSON Schema (ajv, draft-07) the metadata of every upload under this profile must match. */
    metadataSchema: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((p) => p.defaultExpiresIn <= p.maxExpiresIn, "defaultExpiresIn must not exceed maxExpiresIn")
  .refine(
    (p) => p.maxBytes <= S3_LIMITS.maxSingleUpload || p.methods.includes(UploadMethod.MULTIPART),
    "maxBytes above 5 GiB needs MULTIPART in methods: one POST or PUT writes at most 5 GiB",
  );

export const profilesSchema = z
  .record(z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "profile names are lowercase slugs"), profileSchema)
  .refine((r) => Object.keys(r).length > 0, "declare at least one profile");

/** One upload profile: what may be uploaded, how large, by whom, for how long, and where. */
export type UploadProfile = z.infer<typeof profileSchema> & {
  name: string;
  /** metadataSchema, compiled at start-up (metadata-schema.ts); absent when the profile has none. */
  checkMetadata?: MetadataCheck;
};

/** The token claims a profile's uploads need and record: its key template's `{claim:NAME}`s and its `sameClaim`. */
export function profileClaims(profile: Pick<UploadProfile, "keyTemplate" | "read">): string[] {
  const names = templateClaims(profile.keyTemplate);
  if (profile.read.kind === "sameClaim" && !names.includes(profile.read.claim)) names.push(profile.read.claim);
  return names;
}
