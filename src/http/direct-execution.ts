import type { IncomingMessage } from "node:http";
import type { ApolloServerPlugin, GraphQLRequestContextDidResolveOperation } from "@apollo/server";
import { execute, getOperationAST, type DocumentNode, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import Negotiator from "negotiator";
import type { CountedOperation } from "../bounds/grant-budget";
import { formatResultErrors, type ResultErrorFormat } from "../errors/result-errors";
import type { RequestRecord } from "../observability/request-record";
import type { ResolvedOperation } from "../observability/request-telemetry";

/**
 * What the lane remembers: at most this many query texts, of at most this many characters in all
 * (a parsed document is some 20–40× its text, so 1 MiB of text holds tens of MB, as Apollo's own
 * document cache does). The oldest is forgotten first; Apollo answers it again once.
 */
const MEMORY = { documents: 1000, textLength: 2 ** 20 };
const MAX_ACCEPT_HEADERS = 64;
const JSON_TYPE = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8";
// Apollo's own choice, in its order (ApolloServer.ts, chooseContentTypeForSingleResultResponse).
const OFFERED = [JSON_TYPE, GRAPHQL_RESPONSE_TYPE, "application/json; callbackSpec=1.0; charset=utf-8"];

export interface DirectExecutionOptions<C> {
  schema: GraphQLSchema;
  /** Bounds on what the lane remembers (tests shrink them). */
  memory?: { documents: number; textLength: number };
  /** The request's context, as Apollo would have built it. */
  context: (req: IncomingMessage, record: RequestRecord) => Promise<C>;
  /** The per-request bound Apollo's plugins check after validation (the grant budget). */
  refusal: (operation: CountedOperation) => Error | undefined;
  errors: ResultErrorFormat;
  /** Apollo's telemetry hooks, called at the same points of the request. */
  resolved: (record: RequestRecord, operation: ResolvedOperation) => void;
  sent: (record: RequestRecord, errors: readonly GraphQLFormattedError[] | undefined) => void;
}

export interface DirectAnswer {
  status: number;
  contentType: string;
  /** Headers an error's `http` extension sets (a content type among them replaces `contentType`). */
  headers?: ReadonlyMap<string, string>;
  body: string;
}

/**
 * The direct lane. Apollo's request pipeline (hashing the query for its document cache, content
 * negotiation, a dozen plugin hooks, error normalisation) cost about as much per grant as the grant
 * itself. A query text Apollo has already parsed and validated (learnt by `plugin`) runs here with
 * graphql-js directly, with the same context, grant budget, telemetry and error formatting.
 * Anything else returns undefined before anything has run, and Apollo answers it as before: the
 * first request of a query text, parse or validation errors, variables that do not coerce, a grant
 * budget overrun, a persisted-query extension, batches, an Accept header it does not serve.
 * Apollo's plugins do not run here: app.ts closes the lane when one is installed whose work the
 * lane does not do itself (lane-plugins.ts).
 */
export function createDirectExecution<C extends object>(options: DirectExecutionOptions<C>) {
  const memory = options.memory ?? MEMORY;
  const documents = new Map<string, DocumentNode>();
  let textLength = 0;
  const remember = (query: string, document: DocumentNode) => {
    if (query.length > memory.textLength) return;
    for (const oldest of documents.keys()) {
      if (documents.size < memory.documents && textLength + query.length <= memory.textLength) break;
      documents.delete(oldest);
      textLength -= oldest.length;
    }
    documents.set(query, document);
    textLength += query.length;
  };
  const contentTypes = new Map<string, string | null>();
  let open = true;
  const learning = {
    async didResolveOperation({ request, document, operation }: GraphQLRequestContextDidResolveOperation<object>) {
      if (operation && typeof request.query === "string" && !documents.has(request.query)) {
        remember(request.query, document);
      }
    },
  };
  const plugin: ApolloServerPlugin<object> = { requestDidStart: async () => (open ? learning : undefined) };

  const contentTypeFor = (accept: string | undefined): string | null => {
    if (!accept) return JSON_TYPE;
    let chosen = contentTypes.get(accept);
    if (chosen === undefined) {
      chosen = new Negotiator({ headers: { accept } }).mediaType(OFFERED) ?? null;
      if (contentTypes.size >= MAX_ACCEPT_HEADERS) contentTypes.clear();
      contentTypes.set(accept, chosen);
    }
    return chosen === JSON_TYPE || chosen === GRAPHQL_RESPONSE_TYPE ? chosen : null;
  };

  /** Answers a POSTed request, or returns undefined (nothing has run) for Apollo to answer. */
  const run = async (body: unknown, req: IncomingMessage, record: RequestRecord): Promise<DirectAnswer | undefined> => {
    const request = open ? plainRequest(body) : undefined;
    const document = request && documents.get(request.query);
    const contentType = contentTypeFor(req.headers.accept);
    if (!request || !document || !contentType) return undefined;
    const operation = getOperationAST(document, request.operationName);
    if (!operation) return undefined;
    const operationName = operation.name?.value || null;
    const { schema } = options;
    if (options.refusal({ schema, document, operationName, variables: request.variables })) return undefined;
    let contextValue: C;
    try {
      contextValue = await options.context(req, record);
    } catch {
      return undefined; // Apollo builds it again and answers the failure its own way
    }
    options.resolved(record, { schema, document, operation, operationName, variables: request.variables });
    const result = await execute({
      schema,
      document,
      operationName: request.operationName,
      variableValues: request.variables,
      contextValue,
    });
    // No `data` at all: the variables did not coerce, and no resolver ran.
    if (!("data" in result)) return undefined;
    const { formatted, status, headers } = formatResultErrors(result.errors, options.errors);
    options.sent(record, formatted);
    return {
      status: status ?? 200,
      contentType,
      ...(headers.size ? { headers } : {}),
      body: JSON.stringify({ errors: formatted, data: result.data, extensions: result.extensions }),
    };
  };
  /** Turns the lane off for good: it answers nothing more, and forgets (and learns) no query text. */
  const close = () => {
    open = false;
    documents.clear();
    textLength = 0;
  };
  return { plugin, run, close };
}

interface PlainRequest {
  query: string;
  operationName: string | undefined;
  variables: Record<string, unknown> | undefined;
}

/**
 * A single operation with a query text, optional name and variables, and nothing else Apollo would
 * act on: extensions are allowed (clients send their name and version there) but not a persisted query.
 */
function plainRequest(body: unknown): PlainRequest | undefined {
  if (!isObject(body)) return undefined;
  const { query, operationName, variables, extensions } = body;
  if (typeof query !== "string") return undefined;
  if (extensions !== undefined && extensions !== null && (!isObject(extensions) || "persistedQuery" in extensions))
    return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return undefined;
  if (variables !== undefined && variables !== null && !isObject(variables)) return undefined;
  return { query, operationName: operationName ?? undefined, variables: variables ?? undefined };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
