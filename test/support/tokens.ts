import { SignJWT, type JWTPayload } from "jose";
import { DEV_JWT_SECRET } from "../../src/config/config";

const secret = new TextEncoder().encode(DEV_JWT_SECRET);

/** A dev-secret HS256 token; override claims or the lifetime to build bad ones. */
export async function tokenFor(
  sub: string,
  roles: string[] = ["user"],
  options: { expiresIn?: string | number; claims?: JWTPayload; key?: Uint8Array; omitExp?: boolean } = {},
): Promise<string> {
  let jwt = new SignJWT({ roles, ...options.claims }).setProtectedHeader({ alg: "HS256" }).setSubject(sub).setIssuedAt();
  if (!options.omitExp) jwt = jwt.setExpirationTime(options.expiresIn ?? "10m");
  return jwt.sign(options.key ?? secret);
}

/** An unsigned token (`alg: none`), which must never be accepted. */
export function unsignedToken(sub: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ sub, roles: ["admin"], exp: Math.floor(Date.now() / 1000) + 600 })}.`;
}
