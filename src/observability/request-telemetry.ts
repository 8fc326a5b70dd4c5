import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { DocumentNode, GraphQLFormattedError, GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { Logger } from "../logger";
import { codeOf, grantAsks, refusedGrants } from "./grant-refusals";
import { limitRejections } from "./limit-rejections";
import type { Metrics } from "./metrics";
import { elapsedMs, type RequestRecord } from "./request-record";
import { fieldsLabel, OperationLabel, operationLabel, rootFieldNodes } from "./root-fields";

/** An operation as Apollo's plugins and the direct lane see it once it is resolved. */
export interface ResolvedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode | null | undefined;
  /** The operation's own name (null when anonymous). */
  operationName: string | null;
  variables: Record<string, unknown> | undefined;
}

/** What request telemetry reads of a request's context. */
export interface ObservedContext {
  requestId: string;
  viewer: { id: string } | null;
}

export interface RequestTelemetryOptions {
  logger: Logger;
  metrics: Metrics;
  /** Configured upload profile names: the only profile values a metric label may take. */
  profiles: ReadonlySet<string>;
  /** The id for a request that failed before its context was built (bad body, …). */
  requestIdOf: (req: IncomingMessage) => string;
}

// Apollo hands plugins a shallow copy of the context (one per operation of a batch): a symbol
// property survives the copy, where a WeakMap keyed by the original object would not.
const RECORD = Symbol("request record");

/**
 * One log line and one duration sample per answered request, and the grants it was refused. The
 * handler starts a record, the context factory adds who is asking (`attach`), the Apollo plugin
 * adds the operation and what the answer holds, and `answered` reports once the response is out
 * or the client has gone.
 */
export function createRequestTelemetry({ logger, metrics, profiles, requestIdOf }: RequestTelemetryOptions) {
  /** The operation is known (Apollo resolved it, or the direct lane did): its name, root fields and grants asked for. */
  const resolved = (
    record: RequestRecord,
    { schema, document, operation, operationName, variables }: ResolvedOperation,
  ): void => {
    record.operation = operationName;
    if (!operation) return;
    const fields = rootFieldNodes(document, operation);
    record.fields = fieldsLabel(fields);
    record.operationLabel = operationLabel(schema, operation, fields);
    record.asks = grantAsks(fields, variables, profiles);
  };
  /** The answer's formatted errors: their codes, and the grants and limits they refused. */
  const sent = (record: RequestRecord, errors: readonly GraphQLFormattedError[] | undefined): void => {
    if (!errors?.length) return;
    record.errors = [...new Set(errors.map((e) => codeOf(e)))];
    if (record.asks?.size) {
      record.refused = refusedGrants(record.asks, errors);
      record.limited = limitRejections(record.asks, errors);
    }
  };
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart({ contextValue, request }) {
      const record = (contextValue as { [RECORD]?: RequestRecord })[RECORD];
      if (!record) return;
      return {
        async didResolveOperation({ schema, document, operation, operationName }) {
          resolved(record, { schema, document, operation, operationName, variables: request.variables });
        },
        async willSendResponse({ response }) {
          if (response.body.kind === "single") sent(record, response.body.singleResult.errors);
        },
      };
    },
  };
  return {
    plugin,
    resolved,
    sent,
    /** Links a request's context to its record; returns the context. */
    attach: <C extends ObservedContext>(context: C, record: RequestRecord): C => {
      record.requestId = context.requestId;
      record.viewerId = context.viewer?.id ?? null;
      return Object.assign(context, { [RECORD]: record });
    },
    answered: (record: RequestRecord, req: IncomingMessage, res: ServerResponse): void => {
      record.requestId ??= requestIdOf(req);
      const durationMs = elapsedMs(record);
      const outcome = outcomeOf(record, res);
      metrics.requestAnswered(
        record.operationLabel ?? (record.path === "/graphql" ? OperationLabel.UNPARSED : OperationLabel.NOT_FOUND),
        outcome,
        durationMs / 1000,
      );
      for (const { kind, profile, code } of record.refused ?? []) metrics.grants(kind, profile, code);
      for (const limit of record.limited ?? []) metrics.limitRejection(limit);
      logger.info("request", {
        requestId: record.requestId,
        method: record.method,
        path: record.path,
        status: res.statusCode,
        operation: record.operation,
        fields: record.fields,
        lane: record.lane,
        viewerId: record.viewerId,
        outcome,
        errors: record.errors,
        durationMs,
      });
    },
  };
}

/** ok, error (an error code in the answer, or an HTTP failure), or aborted (the client left first). */
export function outcomeOf(record: RequestRecord, res: ServerResponse): "ok" | "error" | "aborted" {
  if (!res.writableFinished) return "aborted";
  return record.errors || res.statusCode >= 400 ? "error" : "ok";
}
