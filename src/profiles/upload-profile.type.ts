import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Int, ObjectType } from "type-graphql";

@ObjectType("UploadProfile", { description: "What may be uploaded under one profile: types, size and grant lifetime." })
export class UploadProfileType {
  @Field()
  name!: string;

  @Field()
  description!: string;

  @Field(() => [String], { description: "Exact Content-Type values a grant may pin." })
  contentTypes!: string[];

  @Field(() => GraphQLSafeInt, { description: "Largest upload in bytes." })
  maxBytes!: number;

  @Field(() => Int, { description: "Grant lifetime in seconds when expiresIn is not given." })
  defaultExpiresIn!: number;

  @Field(() => Int, { description: "Longest grant lifetime in seconds; longer requests are clamped." })
  maxExpiresIn!: number;
}
