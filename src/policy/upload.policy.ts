import type { Viewer } from "../auth/viewer";
import { profileClaims, type UploadProfile } from "../config/profiles.schema";
import type { ViewerClaims } from "../domain/read-rule";
import { badInput, forbidden } from "../errors/app-error";
import { normalizeContentType } from "../domain/content-type";
import { S3_LIMITS } from "../domain/limits";
import { UploadMethod } from "../domain/model";
import type { JsonObject } from "../domain/json";
import { extensionFor } from "./content-types";
import { checkMetadata } from "./metadata.policy";
import { validateFilename } from "./filename";
import { buildKey } from "./keys";
import { resolveExpiresIn, signingInstant } from "./ttl";
import { chooseMethod, parseMd5, planParts, type PartPlan } from "./upload-method";

export interface UploadRequest {
  profile: string;
  filename: string;
  contentType: string;
  size: number;
  expiresIn?: number | null;
  /** Absent: the server chooses (chooseMethod). */
  method?: UploadMethod | null;
  /** Base64 MD5 of the whole file; PUT only, signed as Content-MD5. */
  md5?: string | null;
  /** The app's own data about the upload, checked against the profile's metadataSchema. */
  metadata?: JsonObject | null;
}

/** What an upload grant pins whatever its method. */
interface PlanBase {
  profile: UploadProfile;
  key: string;
  filename: string;
  contentType: string;
  /** The declared size (never above the profile's max): a POST may carry 1..size bytes, a PUT or multipart upload exactly size. */
  size: number;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
  /** The uploader's claim values the profile records (sameClaim, {claim:NAME}); null when it records none. */
  claims: ViewerClaims | null;
  /** Stored with the object and sent in its events; never part of the key. */
  metadata: JsonObject | null;
}

/** How the bytes travel; each method carries only what it needs. */
export type TransferPlan =
  | { method: typeof UploadMethod.POST }
  | {
      method: typeof UploadMethod.PUT;
      /** The Content-MD5 the PUT must carry; null when none was given. */
      md5: string | null;
    }
  | {
      method: typeof UploadMethod.MULTIPART;
      /** How the file is split. */
      parts: PartPlan;
    };

/** Everything an upload grant pins, decided before anything is signed or stored. */
export type UploadPlan = PlanBase & TransferPlan;

/** Settings the plan depends on besides the profile; minPartSize defaults to S3's minimum. */
export interface UploadEnv {
  now: Date;
  uuid: string;
  minPartSize?: number;
}

/** May this viewer upload this file under this profile now? Pure: the caller supplies uuid and clock. */
export function planUpload(
  viewer: Viewer,
  profiles: ReadonlyMap<string, UploadProfile>,
  request: UploadRequest,
  env: UploadEnv,
): UploadPlan {
  const profile = profiles.get(request.profile);
  if (!profile) throw badInput(`unknown upload profile '${request.profile}'`, "profile");
  if (!canUseProfile(viewer, profile))
    throw forbidden(`the '${profile.name}' profile needs one of the roles: ${profile.roles.join(", ")}`);
  const claims = recordedClaims(viewer, profile);
  const filename = validateFilename(request.filename);
  const contentType = normalizeContentType(request.contentType);
  if (!profile.contentTypes.includes(contentType)) {
    throw badInput(
      `content type '${request.contentType}' is not allowed for '${profile.name}' (allowed: ${profile.contentTypes.join(", ")})`,
      "contentType",
    );
  }
  if (!Number.isSafeInteger(request.size) || request.size < 1) throw badInput("size must be a positive number of bytes", "size");
  if (request.size > profile.maxBytes)
    throw badInput(`size exceeds the '${profile.name}' limit of ${profile.maxBytes} bytes`, "size");
  const metadata = checkMetadata(profile, request.metadata);
  const transfer = planTransfer(profile, request, env.minPartSize ?? S3_LIMITS.minPartSize);
  const expiresIn = resolveExpiresIn(request.expiresIn, profile.defaultExpiresIn, profile.maxExpiresIn);
  const issuedAt = signingInstant(env.now);
  const key = buildKey(profile.keyTemplate, {
    sub: viewer.id,
    profile: profile.name,
    uuid: env.uuid,
    ext: extensionFor(contentType),
    date: issuedAt.toISOString().slice(0, 10),
    claims: claims ?? undefined,
  });
  return {
    profile,
    key,
    filename,
    contentType,
    size: request.size,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000),
    expiresIn,
    claims,
    metadata,
    ...transfer,
  };
}

/**
 * The claims the profile keys by or compares, from the uploader's token. The verifier kept only
 * usable strings (auth/verify-token.ts), so a missing one means the token has none it could use:
 * without it there is no key to build and no membership to record, so the profile is refused.
 */
function recordedClaims(viewer: Viewer, profile: UploadProfile): ViewerClaims | null {
  const names = profileClaims(profile);
  if (names.length === 0) return null;
  const missing = names.filter((name) => !Object.hasOwn(viewer.claims ?? {}, name));
  if (missing.length > 0)
    throw forbidden(`the '${profile.name}' profile needs a usable string claim '${missing[0]}' in the token`);
  return Object.fromEntries(names.map((name) => [name, viewer.claims![name]]));
}

/** How the bytes travel: the method, with a PUT's Content-MD5 or a multipart split. */
function planTransfer(profile: UploadProfile, request: UploadRequest, minPartSize: number): TransferPlan {
  const method = chooseMethod(profile, request.method, request.size);
  const md5 = request.md5 == null ? null : parseMd5(request.md5, "md5");
  if (method === UploadMethod.PUT) return { method, md5 };
  if (md5 !== null) {
    throw badInput("md5 is signed as Content-MD5 on a PUT only; a multipart upload takes one per part (signUploadParts)", "md5");
  }
  return method === UploadMethod.MULTIPART ? { method, parts: planParts(request.size, minPartSize) } : { method };
}

/** Profiles with no roles are open to every authenticated viewer. */
export const canUseProfile = (viewer: Viewer, profile: UploadProfile) =>
  profile.roles.length === 0 || profile.roles.some((r) => viewer.roles.includes(r));
