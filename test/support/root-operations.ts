import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";

/** The schema's root fields by operation type, read from the schema so a new field is never missed. */
export function rootFields(
  schema: GraphQLSchema,
): Array<{ operation: "query" | "mutation"; field: GraphQLField<unknown, unknown> }> {
  const of = (operation: "query" | "mutation", type: GraphQLObjectType | null | undefined) =>
    Object.values(type?.getFields() ?? {}).map((field) => ({ operation, field }));
  return [...of("query", schema.getQueryType()), ...of("mutation", schema.getMutationType())];
}

/**
 * A root field's smallest selection that passes validation: every required argument given a
 * literal of its type, and `__typename` under an object.
 */
export function minimalSelection(field: GraphQLField<unknown, unknown>): string {
  const args = required(field.args).map((a) => `${a.name}: ${literalOf(a.type)}`);
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return `${field.name}${args.length ? `(${args.join(", ")})` : ""}${selection}`;
}

const required = <A extends GraphQLArgument | GraphQLInputField>(args: readonly A[]) =>
  args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined);

// A literal each scalar accepts; a scalar missing here fails the test that meets it, saying which.
const SCALAR_LITERALS: Record<string, string> = {
  String: '"x"',
  ID: '"x"',
  Int: "1",
  SafeInt: "1",
  Float: "1",
  Boolean: "true",
  DateTimeISO: '"2026-01-01T00:00:00.000Z"',
};

function literalOf(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literalOf(type.ofType);
  if (isListType(type)) return `[${literalOf(type.ofType)}]`;
  if (isInputObjectType(type))
    return `{ ${required(Object.values(type.getFields()))
      .map((f) => `${f.name}: ${literalOf(f.type)}`)
      .join(", ")} }`;
  if (isEnumType(type)) return type.getValues()[0].name;
  const literal = SCALAR_LITERALS[type.name];
  if (literal === undefined) throw new Error(`no test literal for the scalar ${type.name}: add one to SCALAR_LITERALS`);
  return literal;
}
