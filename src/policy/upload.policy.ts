import type { Viewer } from "../auth/viewer";
import type { UploadProfile } from "../config/profiles.schema";
import { badInput, forbidden } from "../errors/app-error";
import { normalizeContentType } from "../domain/content-type";
import { extensionFor } from "./content-types";
import { validateFilename } from "./filename";
import { buildKey } from "./keys";
import { resolveExpiresIn, signingInstant } from "./ttl";

export interface UploadRequest {
  profile: string;
  filename: string;
  contentType: string;
  size: number;
  expiresIn?: number | null;
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
}

/** May this viewer upload this file under this profile now? Pure: the caller supplies uuid and clock. */
export function planUpload(
  viewer: Viewer,
  profiles: ReadonlyMap<string, UploadProfile>,
  request: UploadRequest,
  env: { now: Date; uuid: string },
): UploadPlan {
  const profile = profiles.get(request.profile);
  if (!profile) throw badInput(`unknown upload profile '${request.profile}'`, "profile");
  if (!canUseProfile(viewer, profile)) throw forbidden(`the '${profile.name}' profile needs one of the roles: ${profile.roles.join(", ")}`);
  const filename = validateFilename(request.filename);
  const contentType = normalizeContentType(request.contentType);
  if (!profile.contentTypes.includes(contentType)) {
    throw badInput(`content type '${request.contentType}' is not allowed for '${profile.name}' (allowed: ${profile.contentTypes.join(", ")})`, "contentType");
  }
  if (!Number.isSafeInteger(request.size) || request.size < 1) throw badInput("size must be a positive number of bytes", "size");
  if (request.size > profile.maxBytes) throw badInput(`size exceeds the '${profile.name}' limit of ${profile.maxBytes} bytes`, "size");
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
    profile, key, filename, contentType,
    maxBytes: request.size,
    declaredSize: request.size,
    issuedAt,
    expiresAt: new Date(issuedAt.getTime() + expiresIn * 1000),
    expiresIn,
  };
}

/** Profiles with no roles are open to every authenticated viewer. */
export const canUseProfile = (viewer: Viewer, profile: UploadProfile) =>
  profile.roles.length === 0 || profile.roles.some((r) => viewer.roles.includes(r));
