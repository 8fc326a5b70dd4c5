import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";

const HEADER = "# Generated from the type-graphql classes by `npm run schema`. Do not edit.\n\n";

/** The committed SDL: sorted so that reordering classes does not churn the file. */
export const printSchemaSDL = (schema: GraphQLSchema) => `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
