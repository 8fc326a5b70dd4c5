/** The authenticated caller, computed once per request from the bearer token. */
export interface Viewer {
  readonly id: string;
  readonly roles: readonly string[];
}

export const ADMIN_ROLE = "admin";

/** Placed in @Authorized(PUBLIC) for the few fields anyone may read. */
export const PUBLIC = "@public";

export const hasRole = (viewer: Viewer, role: string) => viewer.roles.includes(role);
export const isAdmin = (viewer: Viewer) => hasRole(viewer, ADMIN_ROLE);
