import { ErrorCode } from "./codes";

/** An expected failure: its message and code reach the client unchanged. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const unauthenticated = (message = "A valid bearer token is required") =>
  new AppError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = "You may not do this") => new AppError(ErrorCode.FORBIDDEN, message);

export const badInput = (message: string, field?: string) =>
  new AppError(ErrorCode.BAD_USER_INPUT, message, field ? { field } : undefined);

export const notFound = (message = "Not found") => new AppError(ErrorCode.NOT_FOUND, message);
