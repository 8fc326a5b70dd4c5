import { AppErrorCode } from "./codes";

/**
 * An expected failure: its message, code and details reach the client unchanged. `cause` (the
 * underlying error, e.g. from S3 or the database) stays on the server: it is logged, never sent.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "AppError";
  }
}

export const unauthenticated = (message = "A valid bearer token is required") =>
  new AppError(AppErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = "You may not do this") => new AppError(AppErrorCode.FORBIDDEN, message);

export const badInput = (message: string, field?: string) =>
  new AppError(AppErrorCode.BAD_USER_INPUT, message, field ? { field } : undefined);

export const notFound = (message = "Not found") => new AppError(AppErrorCode.NOT_FOUND, message);

export const uploadIncomplete = (message: string, details?: Record<string, unknown>) =>
  new AppError(AppErrorCode.UPLOAD_INCOMPLETE, message, details);
