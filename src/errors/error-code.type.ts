import { Field, ObjectType, registerEnumType } from "type-graphql";
import { ErrorCode } from "./codes";

// Typed as a full record so that a new code cannot ship undocumented.
const described: Record<ErrorCode, string> = {
  UNAUTHENTICATED: "No token, or a bad or expired one.",
  FORBIDDEN: "A role is missing (admin-only fields and queries), or the upload grant was revoked.",
  BAD_USER_INPUT: "The input is wrong; `field` names the argument at fault when one is.",
  NOT_FOUND: "No such grant or object, or not yours (never FORBIDDEN, so nobody learns that it exists).",
  REQUEST_TOO_LARGE: "The request would issue more grants than one request may (`limit`, `requested`).",
  RATE_LIMITED: "Past the per-minute grant budget; retry after `retryAfter` seconds.",
  QUOTA_EXCEEDED: "The upload would pass a quota (`quota`, `limit`, `usage`, `requested`).",
  UPLOAD_INCOMPLETE:
    "completeUpload found nothing uploaded yet, or not every planned part (`missingParts`, `wrongSizeParts`); the grant stays PENDING: upload, then complete again.",
  SERVICE_UNAVAILABLE: "The object store or the registry did not answer; `retryable`: try again.",
  INTERNAL_SERVER_ERROR: "Anything unexpected; the message is masked and the original logged.",
  GRAPHQL_PARSE_FAILED: "The operation is not valid GraphQL.",
  GRAPHQL_VALIDATION_FAILED: "The operation does not fit the schema, or passes a request bound (tokens, depth, aliases, cost).",
  BAD_REQUEST: "The HTTP request is not a GraphQL request (method, body, CSRF guard).",
  PERSISTED_QUERY_NOT_FOUND: "A persisted query Apollo does not hold (not sent while persisted queries are off).",
  PERSISTED_QUERY_NOT_SUPPORTED: "Automatic persisted queries are off.",
  OPERATION_RESOLUTION_FAILURE: "operationName names no operation of the document.",
  INTROSPECTION_DISABLED: "Introspection is off (production).",
  MAX_RECURSIVE_SELECTIONS_EXCEEDED: "The operation's fragments expand past Apollo's limit.",
};

registerEnumType(ErrorCode, {
  name: "ErrorCode",
  description: "Every code an error's extensions.code can carry; branch on it, not on the message.",
  valuesConfig: Object.fromEntries(Object.entries(described).map(([code, description]) => [code, { description }])),
});

/**
 * Not returned by any field: it puts ErrorCode into the schema (type-graphql emits only
 * referenced enums, and orphaned object types) so codegen types the codes.
 */
@ObjectType({ description: "The extensions of an error in an answer: always a code; other keys depend on it (see ErrorCode)." })
export class ErrorExtensions {
  @Field(() => ErrorCode)
  code!: ErrorCode;
}
