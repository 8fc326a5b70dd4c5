import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { UploadMethod } from "../domain/model";
import { ReadRuleType } from "./read-rule.type";

// Registered here, the lowest layer whose GraphQL types use it (grants/ builds on profiles/).
registerEnumType(UploadMethod, {
  name: "UploadMethod",
  description:
    "How the bytes travel: POST (a presigned form), PUT (one presigned PUT, create-only) or MULTIPART (one presigned PUT per part; resumable, up to 5 TiB). POST and PUT carry at most 5 GiB.",
});

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

  @Field(() => [UploadMethod], { description: "The upload methods this profile allows." })
  methods!: UploadMethod[];

  @Field(() => GraphQLSafeInt, { description: "Without a method, files larger than this many bytes are MULTIPART uploads." })
  multipartThreshold!: number;

  @Field(() => ReadRuleType, { description: "Who besides the owner and admins may read objects uploaded under this profile." })
  read!: ReadRuleType;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "The JSON Schema an upload's metadata must match; null when only the 4 KiB bound applies.",
  })
  metadataSchema?: Record<string, unknown> | null;
}
