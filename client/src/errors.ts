/** A GraphQL error as the server sends it. */
export interface GraphQLErrorShape {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** An S3 error answer, parsed from its XML: at least Code and Message (Ceph often leaves Message empty). */
export interface S3ErrorAnswer {
  Code: string;
  Message: string;
  [element: string]: string;
}

/** Where an upload failed: asking for the grant, sending the bytes to S3, or the server's verification. */
export type UploadStage = "grant" | "transfer" | "verify";

/** Codes the client itself produces; server codes (UNAUTHENTICATED, BAD_USER_INPUT, …) pass through as they are. */
export const ClientErrorCode = {
  /** The profile named in upload() is not among the viewer's uploadProfiles. */
  UNKNOWN_PROFILE: "UNKNOWN_PROFILE",
  /** The file's type is not one of the profile's contentTypes (checked before asking). */
  CONTENT_TYPE_NOT_ALLOWED: "CONTENT_TYPE_NOT_ALLOWED",
  /** The file is larger than the profile's maxBytes (checked before asking). */
  FILE_TOO_LARGE: "FILE_TOO_LARGE",
  /** The file is empty: S3 accepts no empty upload under a grant. */
  EMPTY_FILE: "EMPTY_FILE",
  /** S3 refused the upload because its grant had expired. */
  GRANT_EXPIRED: "GRANT_EXPIRED",
  /** The server verified the bytes and rejected them (rejectReason says why). */
  REJECTED: "REJECTED",
  /** The caller's AbortSignal fired. */
  ABORTED: "ABORTED",
  /** The grant uses a method this version of the library cannot send (one the server added later). */
  UNSUPPORTED_METHOD: "UNSUPPORTED_METHOD",
  /** No answer: offline, DNS, CORS refused, connection reset. */
  NETWORK_ERROR: "NETWORK_ERROR",
  /** An answer that is neither GraphQL nor S3 XML. */
  BAD_RESPONSE: "BAD_RESPONSE",
} as const;

export interface ValetErrorDetails {
  status?: number;
  errors?: readonly GraphQLErrorShape[];
  cause?: unknown;
}

/** A failed call to Valet; `code` is stable: branch on it, not on the message. */
export class ValetError extends Error {
  readonly status?: number;
  /** The GraphQL errors of the answer, when there was one. */
  readonly errors?: readonly GraphQLErrorShape[];

  constructor(
    readonly code: string,
    message: string,
    details: ValetErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = "ValetError";
    this.status = details.status;
    this.errors = details.errors;
  }
}

export interface UploadErrorDetails extends ValetErrorDetails {
  /** The S3 error XML, parsed. */
  s3?: S3ErrorAnswer;
  /** The grant's id and key, once one was issued. */
  grantId?: string;
  key?: string;
}

/** An upload that failed at one stage; the S3 answer is parsed into `s3` when S3 refused it. */
export class ValetUploadError extends ValetError {
  readonly s3?: S3ErrorAnswer;
  readonly grantId?: string;
  readonly key?: string;

  constructor(
    readonly stage: UploadStage,
    code: string,
    message: string,
    details: UploadErrorDetails = {},
  ) {
    super(code, message, details);
    this.name = "ValetUploadError";
    this.s3 = details.s3;
    this.grantId = details.grantId;
    this.key = details.key;
  }

  /** Places any failure at a stage, keeping a ValetError's code and answer. */
  static at(stage: UploadStage, error: unknown, grant?: { id: string; key: string }): ValetUploadError {
    if (error instanceof ValetUploadError) return error;
    const ids = { grantId: grant?.id, key: grant?.key };
    if (error instanceof ValetError) {
      return new ValetUploadError(stage, error.code, error.message, {
        status: error.status,
        errors: error.errors,
        cause: error,
        ...ids,
      });
    }
    return new ValetUploadError(stage, ClientErrorCode.BAD_RESPONSE, String((error as Error)?.message ?? error), {
      cause: error,
      ...ids,
    });
  }
}

/** The error an aborted call ends with. */
export const abortedError = (stage?: UploadStage): ValetError =>
  stage
    ? new ValetUploadError(stage, ClientErrorCode.ABORTED, "the upload was aborted")
    : new ValetError(ClientErrorCode.ABORTED, "the call was aborted");
