import type { AuthChecker } from "type-graphql";
import { forbidden, unauthenticated } from "../errors/app-error";
import { PUBLIC, type AuthState, type Viewer } from "./viewer";

export type AccessDecision = "allow" | "unauthenticated" | "forbidden";

/** Pure rule behind @Authorized(): empty roles = any viewer; otherwise one of the roles. */
export function decideAccess(viewer: Viewer | null, roles: readonly string[]): AccessDecision {
  if (roles.includes(PUBLIC)) return "allow";
  if (!viewer) return "unauthenticated";
  if (roles.length === 0 || roles.some((r) => viewer.roles.includes(r))) return "allow";
  return "forbidden";
}

/** type-graphql's own errors say UNAUTHORIZED; we throw ours to keep the documented codes. */
export const authChecker: AuthChecker<AuthState> = ({ context }, roles) => {
  const decision = decideAccess(context.viewer, roles);
  if (decision === "allow") return true;
  if (decision === "unauthenticated") throw context.authError ?? unauthenticated();
  throw forbidden();
};
