import type { Viewer } from "../auth/viewer";
import type { UploadProfile } from "../config/profiles.schema";
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

/** Everything an upload grant pins, decided before anything is signed or stored. */
export interface UploadPlan {
  profile: UploadProfile;
  key: string;
  filename: string;
  contentType: string;
  /** content-length-range upper bound: the declared size (never above the profile's max). */
  maxBytes: number;
  declaredSize: number;
  issuedAt: Date;
  expiresAt: Date;
  expiresIn: number;
  method: UploadMethod;
  /** How a MULTIPART upload is split; null for POST and PUT. */
  parts: PartPlan | null;
  /** The Content-MD5 a PUT must carry; null when none was given. */
  md5: string | null;
  /** Stored with the object and sent in its events; never part of the key. */
  metadata: JsonObject | null;
}

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
  });
  return {
    profile,
    key,
    filename,
    contentType,
    maxBytes: request.size,
    declaredSize: request.size,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000),
    expiresIn,
    method: transfer.method,
    parts: transfer.parts,
    md5: transfer.md5,
    metadata,
  };
}

/** How the bytes travel: the method, a multipart split, the Content-MD5 a PUT must carry. */
function planTransfer(
  profile: UploadProfile,
  request: UploadRequest,
  minPartSize: number,
): Pick<UploadPlan, "method" | "parts" | "md5"> {
  const method = chooseMethod(profile, request.method, request.size);
  const md5 = request.md5 == null ? null : parseMd5(request.md5, "md5");
  if (md5 !== null && method !== UploadMethod.PUT) {
    throw badInput("md5 is signed as Content-MD5 on a PUT only; a multipart upload takes one per part (signUploadParts)", "md5");
  }
  return { method, md5, parts: method === UploadMethod.MULTIPART ? planParts(request.size, minPartSize) : null };
}

/** Profiles with no roles are open to every authenticated viewer. */
export const canUseProfile = (viewer: Viewer, profile: UploadProfile) =>
  profile.roles.length === 0 || profile.roles.some((r) => viewer.roles.includes(r));
