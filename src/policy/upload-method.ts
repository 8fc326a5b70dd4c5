import type { UploadProfile } from "../config/profiles.schema";
import { S3_LIMITS } from "../domain/limits";
import { UploadMethod } from "../domain/model";
import { badInput } from "../errors/app-error";

/** How a multipart upload is split: every part but the last is `partSize` bytes, and the parts add up to the file. */
export interface PartPlan {
  partSize: number;
  partCount: number;
}

type MethodProfile = Pick<UploadProfile, "name" | "methods" | "multipartThreshold">;

const SINGLE = new Set<UploadMethod>([UploadMethod.POST, UploadMethod.PUT]);
const fits = (method: UploadMethod, size: number) => !SINGLE.has(method) || size <= S3_LIMITS.maxSingleUpload;

/**
 * The method an upload of `size` bytes uses. A named method must be one the profile allows and
 * able to carry the size; without one the server prefers POST up to the profile's
 * multipartThreshold and MULTIPART above it, falling back to another allowed method that fits.
 */
export function chooseMethod(profile: MethodProfile, requested: UploadMethod | null | undefined, size: number): UploadMethod {
  if (requested != null) {
    if (!profile.methods.includes(requested)) {
      throw badInput(
        `method ${requested} is not allowed for '${profile.name}' (allowed: ${profile.methods.join(", ")})`,
        "method",
      );
    }
    if (!fits(requested, size)) throw tooLargeForOneRequest(requested);
    return requested;
  }
  const preference: UploadMethod[] =
    size > profile.multipartThreshold
      ? [UploadMethod.MULTIPART, UploadMethod.PUT, UploadMethod.POST]
      : [UploadMethod.POST, UploadMethod.PUT, UploadMethod.MULTIPART];
  const chosen = preference.find((m) => profile.methods.includes(m) && fits(m, size));
  if (!chosen) throw tooLargeForOneRequest(UploadMethod.POST);
  return chosen;
}

function tooLargeForOneRequest(method: UploadMethod) {
  return badInput(
    `one ${method} writes at most ${S3_LIMITS.maxSingleUpload} bytes (5 GiB, S3's limit): use method MULTIPART for larger files`,
    "method",
  );
}

/**
 * The server's split of `size` bytes: the smallest part size of at least `minPartSize` that
 * needs no more than 10,000 parts. A file smaller than one part is one part.
 */
export function planParts(size: number, minPartSize: number): PartPlan {
  if (!Number.isSafeInteger(size) || size < 1) throw badInput("size must be a positive number of bytes", "size");
  if (size > S3_LIMITS.maxObject)
    throw badInput(`size exceeds S3's largest object, ${S3_LIMITS.maxObject} bytes (5 TiB)`, "size");
  const partSize = Math.max(minPartSize, Math.ceil(size / S3_LIMITS.maxParts));
  // Only a misconfigured minimum could get here: the largest object needs parts of ~524 MiB.
  if (partSize > S3_LIMITS.maxPartSize) throw new RangeError(`part size ${partSize} exceeds S3's ${S3_LIMITS.maxPartSize}`);
  return { partSize, partCount: Math.ceil(size / partSize) };
}

/** The exact size of part `partNumber` (1-based) of a file of `size` bytes split by `plan`. */
export function partSizeOf(size: number, plan: PartPlan, partNumber: number): number {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > plan.partCount) {
    throw badInput(`part ${partNumber} does not exist: this upload has parts 1..${plan.partCount}`, "partNumbers");
  }
  return partNumber < plan.partCount ? plan.partSize : size - (plan.partCount - 1) * plan.partSize;
}

const MD5_BASE64 = /^[A-Za-z0-9+/]{21}[AQgw]==$/;

/** An MD5 digest in base64 (as Content-MD5 carries it), or BAD_USER_INPUT naming `field`. */
export function parseMd5(md5: string, field: string): string {
  if (!MD5_BASE64.test(md5))
    throw badInput(`${field} must be the base64 MD5 digest of the bytes (24 characters ending in ==)`, field);
  return md5;
}

/** What keeps uploaded parts from being exactly the planned file; `message` says it for the client. */
export interface PartsProblem {
  message: string;
  missing: number[];
  wrongSize: number[];
  unexpected: number[];
}

/** Null when `parts` are exactly parts 1..partCount with their planned sizes; otherwise what is missing or wrong. */
export function partsProblem(
  size: number,
  plan: PartPlan,
  parts: ReadonlyArray<{ partNumber: number; size: number }>,
): PartsProblem | null {
  const held = new Map(parts.map((p) => [p.partNumber, p.size]));
  const missing: number[] = [];
  const wrongSize: number[] = [];
  const sizes: string[] = [];
  for (let n = 1; n <= plan.partCount; n++) {
    const got = held.get(n);
    if (got === undefined) missing.push(n);
    else if (got !== partSizeOf(size, plan, n)) {
      wrongSize.push(n);
      sizes.push(`part ${n} is ${got} bytes, planned ${partSizeOf(size, plan, n)}`);
    }
  }
  const unexpected = [...held.keys()].filter((n) => n < 1 || n > plan.partCount).sort((a, b) => a - b);
  if (missing.length + wrongSize.length + unexpected.length === 0) return null;
  const said = [
    missing.length ? `parts missing: ${listed(missing)}` : "",
    sizes.length ? listed(sizes) : "",
    unexpected.length ? `parts beyond the plan of ${plan.partCount}: ${listed(unexpected)}` : "",
  ].filter(Boolean);
  return { message: `the upload cannot be completed yet: ${said.join("; ")}`, missing, wrongSize, unexpected };
}

// Up to 20 items, so a message about 10,000 parts stays readable.
function listed(items: ReadonlyArray<number | string>): string {
  const shown = items.slice(0, 20).join(", ");
  return items.length > 20 ? `${shown} and ${items.length - 20} more` : shown;
}
