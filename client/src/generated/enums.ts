/** How a browser should treat the download: save it (ATTACHMENT, the default) or show it (INLINE). INLINE is honoured only for the types in DOWNLOAD_INLINE_TYPES (never HTML, SVG, XML or scripts); other types are served as ATTACHMENT. */
export type Disposition =
  | 'ATTACHMENT'
  | 'INLINE';

/** Every code an error's extensions.code can carry; branch on it, not on the message. */
export type ErrorCode =
  /** The HTTP request is not a GraphQL request (method, body, CSRF guard). */
  | 'BAD_REQUEST'
  /** The input is wrong; `field` names the argument at fault when one is. */
  | 'BAD_USER_INPUT'
  /** A role is missing (admin-only fields and queries), or the upload grant was revoked. */
  | 'FORBIDDEN'
  /** The operation is not valid GraphQL. */
  | 'GRAPHQL_PARSE_FAILED'
  /** The operation does not fit the schema, or passes a request bound (tokens, depth, aliases, cost). */
  | 'GRAPHQL_VALIDATION_FAILED'
  /** Anything unexpected; the message is masked and the original logged. */
  | 'INTERNAL_SERVER_ERROR'
  /** Introspection is off (production). */
  | 'INTROSPECTION_DISABLED'
  /** The operation's fragments expand past Apollo's limit. */
  | 'MAX_RECURSIVE_SELECTIONS_EXCEEDED'
  /** No such grant or object, or not yours (never FORBIDDEN, so nobody learns that it exists). */
  | 'NOT_FOUND'
  /** operationName names no operation of the document. */
  | 'OPERATION_RESOLUTION_FAILURE'
  /** A persisted query Apollo does not hold (not sent while persisted queries are off). */
  | 'PERSISTED_QUERY_NOT_FOUND'
  /** Automatic persisted queries are off. */
  | 'PERSISTED_QUERY_NOT_SUPPORTED'
  /** The upload would pass a quota (`quota`, `limit`, `usage`, `requested`). */
  | 'QUOTA_EXCEEDED'
  /** Past the per-minute grant budget; retry after `retryAfter` seconds. */
  | 'RATE_LIMITED'
  /** The request would issue more grants than one request may (`limit`, `requested`). */
  | 'REQUEST_TOO_LARGE'
  /** The object store or the registry did not answer; `retryable`: try again. */
  | 'SERVICE_UNAVAILABLE'
  /** No token, or a bad or expired one. */
  | 'UNAUTHENTICATED'
  /** completeUpload found nothing uploaded yet, or not every planned part (`missingParts`, `wrongSizeParts`); the grant stays PENDING: upload, then complete again. */
  | 'UPLOAD_INCOMPLETE';

/** What a grant lets its holder do with one object key. */
export type GrantKind =
  | 'DOWNLOAD'
  | 'UPLOAD';

/** PENDING until completeUpload verifies it; then AVAILABLE or REJECTED. EXPIRED: never completed. ABORTED: given up by abortUpload. */
export type ObjectState =
  | 'ABORTED'
  | 'AVAILABLE'
  | 'EXPIRED'
  | 'PENDING'
  | 'REJECTED';

/** Who besides the owner and admins may read a profile's objects. OWNER: nobody else. AUTHENTICATED: any signed-in viewer. PUBLIC: anyone, also without a token (the public route). ROLES: viewers with one of `roles`. SAME_CLAIM: viewers whose token claim `claim` equals the uploader's at upload time. */
export type ReadRuleKind =
  /** Any signed-in viewer. */
  | 'AUTHENTICATED'
  /** Only the owner (and admins): the default. */
  | 'OWNER'
  /** Anyone, also without a token. */
  | 'PUBLIC'
  /** Viewers with one of `roles`. */
  | 'ROLES'
  /** Viewers whose token claim `claim` has the value the uploader's had. */
  | 'SAME_CLAIM';

/** How the bytes travel: POST (a presigned form), PUT (one presigned PUT, create-only) or MULTIPART (one presigned PUT per part; resumable, up to 5 TiB). POST and PUT carry at most 5 GiB. */
export type UploadMethod =
  | 'MULTIPART'
  | 'POST'
  | 'PUT';

/** PENDING: being tried (again, with backoff). DELIVERED: the endpoint answered 2xx. FAILED: no 2xx within WEBHOOK_RETRY_HOURS; redeliverWebhook tries again. */
export type WebhookDeliveryState =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';
