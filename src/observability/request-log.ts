import type { IncomingMessage, ServerResponse } from "node:http";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Logger } from "../logger";
import { elapsedMs, type RequestRecord } from "./request-record";
import { fieldsLabel, rootFieldNodes } from "./root-fields";

/** What the request log reads of a request's context. */
export interface ObservedContext {
  requestId: string;
  viewer: { id: string } | null;
}

export interface RequestLogOptions {
  logger: Logger;
  /** The id for a request that failed before its context was built (bad body, …). */
  requestIdOf: (req: IncomingMessage) => string;
}

// Apollo hands plugins a shallow copy of the context (one per operation of a batch): a symbol
// property survives the copy, where a WeakMap keyed by the original object would not.
const RECORD = Symbol("request record");

/**
 * One log line per answered request. The handler starts a record, the context factory adds who
 * is asking (`attach`), the Apollo plugin adds the operation and the error codes of the answer,
 * and `answered` writes the line once the response is out or the client has gone.
 */
export function createRequestLog({ logger, requestIdOf }: RequestLogOptions) {
  const plugin: ApolloServerPlugin<BaseContext> = {
    async requestDidStart({ contextValue }) {
      const record = (contextValue as { [RECORD]?: RequestRecord })[RECORD];
      if (!record) return;
      return {
        async didResolveOperation({ document, operation, operationName }) {
          record.operation = operationName;
          if (operation) record.fields = fieldsLabel(rootFieldNodes(document, operation));
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const codes = response.body.singleResult.errors?.map((e) => String(e.extensions?.code ?? "UNKNOWN"));
          if (codes?.length) record.errors = [...new Set(codes)];
        },
      };
    },
  };
  return {
    plugin,
    /** Links a request's context to its record; returns the context. */
    attach<C extends ObservedContext>(context: C, record: RequestRecord): C {
      record.requestId = context.requestId;
      record.viewerId = context.viewer?.id ?? null;
      return Object.assign(context, { [RECORD]: record });
    },
    answered(record: RequestRecord, req: IncomingMessage, res: ServerResponse): void {
      record.requestId ??= requestIdOf(req);
      logger.info("request", {
        requestId: record.requestId,
        method: record.method,
        path: record.path,
        status: res.statusCode,
        operation: record.operation,
        fields: record.fields,
        viewerId: record.viewerId,
        outcome: outcomeOf(record, res),
        errors: record.errors,
        durationMs: elapsedMs(record),
      });
    },
  };
}

/** ok, error (an error code in the answer, or an HTTP failure), or aborted (the client left first). */
export function outcomeOf(record: RequestRecord, res: ServerResponse): "ok" | "error" | "aborted" {
  if (!res.writableFinished) return "aborted";
  return record.errors || res.statusCode >= 400 ? "error" : "ok";
}
