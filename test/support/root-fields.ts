import {
  getNamedType,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isRequiredArgument,
  isRequiredInputField,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { getMetadataStorage, type NonEmptyArray } from "type-graphql";

export type RootKind = "query" | "mutation";

/** One root field of the schema with the roles its @Authorized gives it (undefined: no @Authorized at all). */
export interface RootField {
  kind: RootKind;
  name: string;
  roles: readonly string[] | undefined;
  /** The smallest valid operation that selects the field. */
  query: string;
  variables: Record<string, unknown>;
}

// Tried in order until the scalar's own parseValue accepts one, so a new custom scalar needs no entry here.
const SCALAR_CANDIDATES: readonly unknown[] = ["x", 1, true, new Date().toISOString()];

/** A value of the input type that passes GraphQL's variable coercion; what it says does not matter. */
export function placeholderFor(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return placeholderFor(type.ofType);
  if (isListType(type)) return [placeholderFor(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]?.name;
  if (isInputObjectType(type)) {
    const required = Object.values(type.getFields()).filter(isRequiredInputField);
    return Object.fromEntries(required.map((f) => [f.name, placeholderFor(f.type)]));
  }
  for (const candidate of SCALAR_CANDIDATES) {
    try {
      type.parseValue(candidate);
      return candidate;
    } catch {
      // not this one; try the next candidate
    }
  }
  throw new Error(`no placeholder parses as scalar ${type.name}: add one to SCALAR_CANDIDATES`);
}

/** `kind Probe($a: T!) { field(a: $a) { __typename } }` with only the required arguments. */
function operationFor(kind: RootKind, field: GraphQLField<unknown, unknown>) {
  const args = field.args.filter(isRequiredArgument);
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isCompositeType(getNamedType(field.type)) ? " { __typename }" : "";
  return {
    query: `${kind} Probe${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, placeholderFor(a.type)])),
  };
}

/**
 * The roles type-graphql checks for each root field, read from the same metadata buildSchema
 * builds from (a class-level @Authorized applies to every method without its own).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as `Function`
function rolesByField(resolvers: NonEmptyArray<Function>): Record<RootKind, Map<string, readonly string[] | undefined>> {
  const storage = getMetadataStorage().clone();
  storage.build({ resolvers: [...resolvers] });
  const byName = (defs: typeof storage.queries) =>
    new Map(defs.filter((d) => resolvers.includes(d.target)).map((d) => [d.schemaName, d.roles]));
  return { query: byName(storage.queries), mutation: byName(storage.mutations) };
}

/** Every Query and Mutation field of the schema, each with its roles and a minimal operation. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- as above
export function rootFieldsOf(schema: GraphQLSchema, resolvers: NonEmptyArray<Function>): RootField[] {
  const roles = rolesByField(resolvers);
  const roots: Array<[RootKind, ReturnType<GraphQLSchema["getQueryType"]>]> = [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ];
  return roots.flatMap(([kind, type]) =>
    Object.values(type?.getFields() ?? {}).map((field) => {
      if (!roles[kind].has(field.name)) throw new Error(`${kind} field ${field.name} has no resolver metadata`);
      return { kind, name: field.name, roles: roles[kind].get(field.name), ...operationFor(kind, field) };
    }),
  );
}
