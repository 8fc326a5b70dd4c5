import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { ErrorCode } from "./codes";

/** How an answer's errors are formatted: the same settings Apollo is given. */
export interface ResultErrorFormat {
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  includeStacktrace: boolean;
  /** Rewrites "Did you mean …?" hints (Armor's plugin does this in Apollo's pipeline); none when the schema is public. */
  hideSuggestions?: (message: string) => string;
}

/**
 * Execution errors formatted exactly as Apollo formats them (its errorNormalize.ts, which it does
 * not export): a code on every error (INTERNAL_SERVER_ERROR when none), an `http` extension taken
 * out of the error and into the response's status and headers (a later error's win), a stack
 * trace only when asked for, then `formatError`; an error while formatting becomes a masked
 * internal error.
 */
export function formatResultErrors(
  errors: readonly GraphQLError[] | undefined,
  { formatError, includeStacktrace, hideSuggestions }: ResultErrorFormat,
): { formatted: GraphQLFormattedError[] | undefined; status: number | undefined; headers: Map<string, string> } {
  const headers = new Map<string, string>();
  if (!errors?.length) return { formatted: undefined, status: undefined, headers };
  let status: number | undefined;
  const enrich = (error: unknown): GraphQLFormattedError => {
    const graphqlError = asGraphQLError(error);
    const { http, ...rest } = graphqlError.extensions as { http?: HttpHead } & Record<string, unknown>;
    const movesHttp = isHttpHead(http);
    if (movesHttp && http.status) status = http.status;
    // Apollo's HeaderMap lower-cases names.
    if (movesHttp) for (const [name, value] of http.headers ?? []) headers.set(name.toLowerCase(), value);
    const extensions = {
      ...(movesHttp || http === undefined ? rest : graphqlError.extensions),
      code: graphqlError.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR,
      ...(includeStacktrace ? { stacktrace: graphqlError.stack?.split("\n") } : {}),
    };
    return { ...graphqlError.toJSON(), extensions };
  };
  const formatted = errors.map((error) => {
    if (hideSuggestions) error.message = hideSuggestions(error.message);
    try {
      return formatError(enrich(error), error);
    } catch (formattingError) {
      if (includeStacktrace) return enrich(formattingError);
      return { message: "Internal server error", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
  });
  return { formatted, status, headers };
}

function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof Error) return new GraphQLError(error.message, { originalError: error });
  return new GraphQLError(`Unexpected error value: ${String(error)}`);
}

interface HttpHead {
  status?: number;
  headers?: Map<string, string>;
}

// Apollo moves `http` out of the error only when it looks like { status?: number, headers?: Map }.
function isHttpHead(x: unknown): x is HttpHead {
  if (typeof x !== "object" || x === null) return false;
  const head = x as { status?: unknown; headers?: unknown };
  return (!("status" in head) || typeof head.status === "number") && (!("headers" in head) || head.headers instanceof Map);
}
