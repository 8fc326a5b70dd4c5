import type { ViewerClaims } from "../domain/read-rule";
import type { AppError } from "../errors/app-error";

/** The authenticated caller, computed once per request from the bearer token. */
export interface Viewer {
  readonly id: string;
  readonly roles: readonly string[];
  /** The token's usable string values of the claims profiles refer to (`sameClaim`, `{claim:NAME}`); absent: none. */
  readonly claims?: ViewerClaims;
}

export const ADMIN_ROLE = "admin";

/** Placed in @Authorized(PUBLIC) for the few fields anyone may read. */
// Stryker disable next-line StringLiteral: the spelling is not observable; only @Authorized(PUBLIC) passes it, and it is compared with required roles, never with a token's.
export const PUBLIC = "@public";

export const hasRole = (viewer: Viewer, role: string) => viewer.roles.includes(role);
export const isAdmin = (viewer: Viewer) => hasRole(viewer, ADMIN_ROLE);

/** What the AuthChecker reads of a request; the request Context extends it. */
export interface AuthState {
  viewer: Viewer | null;
  /** Why a presented token was refused; guarded fields report it instead of a generic message. */
  authError: AppError | null;
}
