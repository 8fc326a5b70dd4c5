/** Codes Valet's own errors (AppError) carry; clients may branch on them. */
export const AppErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  REQUEST_TOO_LARGE: "REQUEST_TOO_LARGE",
  RATE_LIMITED: "RATE_LIMITED",
  QUOTA_EXCEEDED: "QUOTA_EXCEEDED",
  UPLOAD_INCOMPLETE: "UPLOAD_INCOMPLETE",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

/**
 * Codes Apollo Server answers with itself (request, parse and validation errors, GraphQL Armor's
 * bounds); they reach the client unchanged. Its BAD_USER_INPUT and INTERNAL_SERVER_ERROR are ours too.
 */
export const ApolloErrorCode = {
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  BAD_REQUEST: "BAD_REQUEST",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_NOT_SUPPORTED: "PERSISTED_QUERY_NOT_SUPPORTED",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
  INTROSPECTION_DISABLED: "INTROSPECTION_DISABLED",
  MAX_RECURSIVE_SELECTIONS_EXCEEDED: "MAX_RECURSIVE_SELECTIONS_EXCEEDED",
} as const;

/**
 * Every code an answer's `errors[].extensions.code` can carry; anything else is masked to
 * INTERNAL_SERVER_ERROR. The schema publishes it as the enum ErrorCode (error-code.type.ts).
 */
export const ErrorCode = { ...AppErrorCode, ...ApolloErrorCode } as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
