import { SignJWT } from "jose";
import { DEV_JWT_SECRET } from "../../src/config/config";

const secret = new TextEncoder().encode(DEV_JWT_SECRET);

export interface TokenOptions {
  expiresIn?: string | number;
  /** Set last, so they replace sub, roles or iat; a claim set to undefined is left out of the token. */
  claims?: Record<string, unknown>;
  key?: Uint8Array;
  /** An HMAC algorithm other than the HS256 Valet pins, to prove it is refused. */
  alg?: "HS256" | "HS384" | "HS512";
  omitExp?: boolean;
}

/** A dev-secret HS256 token; override claims, the lifetime, the key or the algorithm to build bad ones. */
export async function tokenFor(sub: string, roles: string[] = ["user"], options: TokenOptions = {}): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  // JSON leaves undefined members out, which is how a claim is omitted.
  let jwt = new SignJWT({ sub, roles, iat, ...options.claims }).setProtectedHeader({ alg: options.alg ?? "HS256" });
  if (!options.omitExp) jwt = jwt.setExpirationTime(options.expiresIn ?? "10m");
  return jwt.sign(options.key ?? secret);
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(sub: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ sub, roles: ["admin"], exp: Math.floor(Date.now() / 1000) + 600 })}.`;
}
