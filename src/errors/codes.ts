/** Codes clients may branch on; everything else is masked to INTERNAL_SERVER_ERROR. */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  /** The operation asks for more work than one request may do (grants, depth, aliases, cost). */
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  /** The viewer asked for grants faster than its per-minute budget allows; `extensions.retryAfter` says when to retry (seconds). */
  RATE_LIMITED: "RATE_LIMITED",
  /** The upload would take the viewer past a quota; `extensions` name the quota, its limit and the usage before the request. */
  QUOTA_EXCEEDED: "QUOTA_EXCEEDED",
  /** A service Valet depends on (the object store) did not answer; the same call may succeed later. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
