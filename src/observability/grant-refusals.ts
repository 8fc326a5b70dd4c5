import { valueFromASTUntyped, type FieldNode, type GraphQLFormattedError } from "graphql";
import { GrantKind } from "../domain/model";

/** What a grant-issuing root field asks for, as metrics label it. */
export interface GrantAsk {
  kind: GrantKind;
  /** The upload profile asked for when it is a configured one, "unknown" otherwise, "" for downloads. */
  profile: string;
}

/** A grant asked for and refused, with the error code of its refusal. */
export interface GrantRefusal extends GrantAsk {
  code: string;
}

// The root fields that issue grants. A renamed field shows up here as grants no longer counted
// refused; test/graphql/metrics.test.ts asks through each of them.
const GRANT_FIELDS: Readonly<Record<string, GrantKind>> = {
  requestUpload: GrantKind.UPLOAD,
  requestDownload: GrantKind.DOWNLOAD,
  requestDownloads: GrantKind.DOWNLOAD,
};

/** The operation's grant-issuing root fields, by response key (an alias or the field's name). */
export function grantAsks(
  fields: readonly FieldNode[],
  variables: Record<string, unknown> | undefined,
  profiles: ReadonlySet<string>,
): Map<string, GrantAsk> {
  const asks = new Map<string, GrantAsk>();
  for (const field of fields) {
    const kind = GRANT_FIELDS[field.name.value];
    if (!kind) continue;
    const profile = kind === GrantKind.UPLOAD ? uploadProfile(field, variables, profiles) : "";
    asks.set(field.alias?.value ?? field.name.value, { kind, profile });
  }
  return asks;
}

// Client input: only a configured profile's name may become a label value (bounded cardinality).
function uploadProfile(field: FieldNode, variables: Record<string, unknown> | undefined, profiles: ReadonlySet<string>): string {
  const input = field.arguments?.find((a) => a.name.value === "input");
  const value = input ? (valueFromASTUntyped(input.value, variables) as { profile?: unknown } | null) : null;
  const profile = value?.profile;
  return typeof profile === "string" && profiles.has(profile) ? profile : "unknown";
}

/**
 * One refusal per error at a grant field's path (a batch slot is a grant of its own); an error
 * without a path (the whole operation refused) refuses every grant field of the operation.
 */
export function refusedGrants(asks: ReadonlyMap<string, GrantAsk>, errors: readonly GraphQLFormattedError[]): GrantRefusal[] {
  const refused: GrantRefusal[] = [];
  for (const error of errors) {
    const code = codeOf(error);
    if (!error.path) {
      for (const ask of asks.values()) refused.push({ ...ask, code });
      continue;
    }
    const ask = asks.get(String(error.path[0]));
    if (ask) refused.push({ ...ask, code });
  }
  return refused;
}

/** An error's `extensions.code` as a metric/log label; anything that is not a string is `UNKNOWN`. */
export function codeOf(error: GraphQLFormattedError): string {
  const code = error.extensions?.code;
  return typeof code === "string" ? code : "UNKNOWN";
}
