import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { AppError } from "./app-error";
import { ErrorCode } from "./codes";

export interface FormatErrorOptions {
  /** Keep stack traces in extensions (development only). */
  includeStacktrace: boolean;
  log: (message: string, error: unknown) => void;
  /** An unexpected error that only means a dependency could not answer now (the registry locked, a lost connection). */
  isUnavailable?: (error: unknown) => boolean;
}

/**
 * Expected errors (ours, and GraphQL's own parse/validation errors) pass through with their
 * code; anything else is masked so internals never reach a client, and logged.
 */
export function createErrorFormatter({ includeStacktrace, log, isUnavailable = () => false }: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const stack = includeStacktrace ? { stacktrace: formatted.extensions?.stacktrace } : {};
    if (original instanceof AppError) {
      if (original.cause !== undefined) log(`${original.code}: ${original.message}`, original.cause);
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...original.details, ...stack },
      };
    }
    if (original instanceof GraphQLError && isExpectedCode(formatted.extensions?.code)) {
      return withoutStack(formatted, includeStacktrace);
    }
    if (isUnavailable(original)) {
      log(`${ErrorCode.SERVICE_UNAVAILABLE}: the registry did not answer`, original);
      return {
        message: "the registry did not answer in time; try again",
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true, ...stack },
      };
    }
    log("unexpected error", original);
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...stack },
    };
  };
}

// Apollo's own request errors (parse, validation, bad request, persisted queries) say what the
// client got wrong; only an internal error is masked. ErrorCode lists them (a test keeps it complete).
const passThroughCodes = new Set<unknown>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));

const isExpectedCode = (code: unknown) => passThroughCodes.has(code);

function withoutStack(formatted: GraphQLFormattedError, keep: boolean): GraphQLFormattedError {
  if (keep || !formatted.extensions?.stacktrace) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
