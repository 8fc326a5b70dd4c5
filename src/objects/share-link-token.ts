import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, base64url (43 characters): the secret a share link carries. */
export const newLinkToken = (): string => randomBytes(32).toString("base64url");

/**
 * What the registry keeps of a token: its SHA-256, hex. Computed for whatever a request presents,
 * so an unknown token costs the same hash and lookup as a known one.
 */
export const linkTokenDigest = (token: string): string => createHash("sha256").update(token, "utf8").digest("hex");
