import { createLocalJWKSet, createRemoteJWKSet, errors, importSPKI, jwtVerify, type JWTPayload } from "jose";
import type { Config } from "../config/config";
import { ASYMMETRIC_JWT_ALGORITHMS } from "../config/jwt-algorithms";
import { isUsableClaimValue, type ViewerClaims } from "../domain/read-rule";
import { unauthenticated, type AppError } from "../errors/app-error";
import type { Viewer } from "./viewer";

type KeyInput = Parameters<typeof jwtVerify>[1];
export type TokenVerifier = (token: string) => Promise<Viewer>;

/** A verified token: who it names and until when (epoch ms) it is valid. */
export interface VerifiedToken {
  viewer: Viewer;
  expiresAt: number;
}

/** Builds the verifier for the configured key source; algorithms are pinned per source. */
export async function createTokenVerifier(auth: Config["auth"]): Promise<(token: string) => Promise<VerifiedToken>> {
  const [key, algorithms] = await keyFor(auth);
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms,
        issuer: auth.issuer,
        audience: auth.audience,
        requiredClaims: ["exp", "sub"],
        clockTolerance: auth.clockTolerance,
        // jose then also requires `iat`.
        maxTokenAge: auth.maxTokenAge,
      }));
    } catch (e) {
      throw describe(e);
    }
    const viewer: Viewer = { id: subjectOf(payload), roles: rolesOf(payload, auth.rolesClaim) };
    return {
      viewer: auth.claimNames?.length ? { ...viewer, claims: claimsOf(payload, auth.claimNames) } : viewer,
      expiresAt: validUntil(payload, auth.maxTokenAge),
    };
  };
}

// The token cache reuses a verification until this instant, so it must also end when the token grows too old.
function validUntil(payload: JWTPayload, maxTokenAge: number | undefined): number {
  const exp = payload.exp! * 1000;
  return maxTokenAge === undefined ? exp : Math.min(exp, (payload.iat! + maxTokenAge) * 1000);
}

async function keyFor(auth: Config["auth"]): Promise<[KeyInput, string[]]> {
  switch (auth.kind) {
    case "secret":
      return [auth.secret, auth.algorithms];
    case "public-key":
      return [await importSPKI(auth.pem, auth.algorithm), [auth.algorithm]];
    case "jwks":
      return [createRemoteJWKSet(auth.url), [...ASYMMETRIC_JWT_ALGORITHMS]];
  }
}

/** For tests and air-gapped deployments: a JWKS document held in memory. */
export const localJwks = createLocalJWKSet;

function subjectOf(payload: JWTPayload): string {
  const sub: unknown = payload.sub;
  if (!isUsableSubject(sub)) throw unauthenticated("The token's subject is not usable");
  return sub;
}

// jose checks only that sub is present, and it may be any JSON value. It becomes a key segment
// (users/{sub}/…), so only a bounded string without dot segments or control characters will do.
const isUsableSubject = isUsableClaimValue;

// A claim that is missing, not a string, or not usable as a key segment is left out: its holder is
// no member of any claim value, and cannot use a profile whose keys need it.
function claimsOf(payload: JWTPayload, names: readonly string[]): ViewerClaims {
  const claims: Record<string, string> = {};
  for (const name of names) {
    const value = claimValue(payload, name);
    if (isUsableClaimValue(value)) claims[name] = value;
  }
  return claims;
}

const claimValue = (payload: JWTPayload, claim: string): unknown =>
  Object.hasOwn(payload, claim) ? payload[claim] : dig(payload, claim.split("."));

function rolesOf(payload: JWTPayload, claim: string): string[] {
  const value = claim in payload ? payload[claim] : dig(payload, claim.split("."));
  // Stryker disable next-line Regex: splitting on single separators only adds empty strings, which filter(Boolean) drops.
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === "string") : [];
}

function dig(value: unknown, path: string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

function describe(e: unknown): AppError {
  if (e instanceof errors.JWTExpired) return unauthenticated("The token has expired");
  if (e instanceof errors.JWTClaimValidationFailed) return unauthenticated(`The token's ${e.claim} claim is not accepted`);
  if (e instanceof errors.JOSEAlgNotAllowed) return unauthenticated("The token's signing algorithm is not accepted");
  if (e instanceof errors.JOSEError) return unauthenticated("The token is not valid");
  throw e;
}

/** Extracts the token from `Authorization: Bearer …`; tokens are never read from anywhere else. */
export function bearerToken(header: string | undefined): string | null | AppError {
  if (header === undefined || header === "") return null;
  // The scheme name is case-insensitive (RFC 7235 §2.1); the token is base64url segments.
  const match = /^Bearer +([A-Za-z0-9\-_.]+)$/i.exec(header.trim());
  return match ? match[1] : unauthenticated("The Authorization header must be 'Bearer <token>'");
}
