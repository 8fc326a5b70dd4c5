import type { IncomingMessage } from "node:http";
import type { GrantAsk, GrantRefusal } from "./grant-refusals";
import type { LimitName } from "./limit-rejections";

/** What is known about one HTTP request by the time it is answered; filled in as it travels. */
export interface RequestRecord {
  /** process.hrtime.bigint() when the request arrived. */
  readonly started: bigint;
  readonly method: string;
  readonly path: string;
  requestId?: string;
  /** The authenticated caller, null when anonymous or refused; unset when no context was built. */
  viewerId?: string | null;
  /** The operation name the client gave (client-chosen: logged, never a metric label). */
  operation?: string | null;
  /** The operation's root fields, e.g. "requestUpload" or "me+uploadProfiles" (root-fields.ts). */
  fields?: string;
  /** The metric label of a validated operation: its one root field, or "multiple" (root-fields.ts). */
  operationLabel?: string;
  /** The grants the operation asks for, by root field alias (to tell refusals apart). */
  asks?: Map<string, GrantAsk>;
  /** Which path answered a GraphQL request: the direct lane, or Apollo's pipeline. */
  lane?: "direct" | "apollo";
  /** Distinct error codes in the answer. */
  errors?: string[];
  /** Grants the operation asked for and was refused. */
  refused?: GrantRefusal[];
  /** The rate budgets and quotas that refused it, one per refusal. */
  limited?: LimitName[];
}

export function startRecord(req: IncomingMessage, path: string): RequestRecord {
  return { started: process.hrtime.bigint(), method: req.method ?? "GET", path };
}

/** Milliseconds since the request arrived, to 0.01 ms. */
export const elapsedMs = (record: RequestRecord): number =>
  Math.round(Number(process.hrtime.bigint() - record.started) / 1e4) / 100;
