/**
 * Who besides an object's owner (and admins) may read it, as a profile's `read` declares:
 * any signed-in viewer, anyone (the public route), viewers with one of some roles, or viewers
 * whose token carries the same value of a claim as the uploader's did.
 */
export type ReadRule =
  | { kind: "owner" }
  | { kind: "authenticated" }
  | { kind: "public" }
  | { kind: "roles"; roles: readonly string[] }
  | { kind: "sameClaim"; claim: string };

/** The kinds of read rule; GraphQL registers this object as the ReadRuleKind enum. */
export const ReadRuleKind = {
  OWNER: "owner",
  AUTHENTICATED: "authenticated",
  PUBLIC: "public",
  ROLES: "roles",
  SAME_CLAIM: "sameClaim",
} as const satisfies Record<string, ReadRule["kind"]>;
export type ReadRuleKind = ReadRule["kind"];

/** What an object whose profile is gone (or never declared `read`) falls back to: today's behaviour. */
export const OWNER_ONLY: ReadRule = { kind: "owner" };

/**
 * Claim names a profile may refer to (`sameClaim`, `{claim:NAME}`): a top-level claim, or a
 * dotted path into an object claim. URL-named claims are not supported: a `/` would split a
 * key template's segment.
 */
export const CLAIM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/;

/** Claim values a viewer carries: only usable strings (see isUsableClaimValue), by claim name. */
export type ViewerClaims = Readonly<Record<string, string>>;

const MAX_CLAIM_VALUE_LENGTH = 128;

/**
 * A claim value (or a subject) that may become one key segment once percent-encoded and may be
 * compared for equality: a bounded non-empty string, never a dot segment, no control or format
 * characters (which would render one value as another).
 */
export const isUsableClaimValue = (value: unknown): value is string =>
  typeof value === "string" &&
  value.length > 0 &&
  value.length <= MAX_CLAIM_VALUE_LENGTH &&
  value !== "." &&
  value !== ".." &&
  !/[\p{Cc}\p{Cf}]/u.test(value);
