import { MAX_PRESIGN_SECONDS, S3_LIMITS } from "../domain/limits";
import { UploadMethod } from "../domain/model";
import { z } from "zod";
import type { MetadataCheck } from "./metadata-schema";

const placeholders = new Set(["sub", "profile", "uuid", "ext", "date"]);

const keyTemplate = z
  .string()
  // The read policy grants a viewer the prefix users/{sub}/, so every upload must land there.
  .refine((t) => t.startsWith("users/{sub}/"), "must start with users/{sub}/")
  .refine((t) => t.includes("{uuid}"), "must contain {uuid} so keys never collide")
  .refine(
    (t) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => placeholders.has(m[1])),
    `may only use ${[...placeholders].map((p) => `{${p}}`).join(", ")}`,
  )
  .refine((t) => !t.split("/").some((s) => s === "." || s === ".." || s === ""), "has an empty or dot segment");

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
